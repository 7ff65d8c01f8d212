import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { readZip } from '@lib/audit';
import { startTestApp, type TestApp } from '../support/app.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_BROWSER === '1') {
  throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`);
}
if (!available) {
  process.stderr.write(
    `audit console test skipped: ${CHROMIUM} is missing (apt-get install -y chromium; REQUIRE_BROWSER=1 makes this a failure)\n`,
  );
}

/** Width, height and the number of distinct colours of an 8-bit RGB or RGBA PNG. */
function pngColours(png: Buffer): { width: number; height: number; colours: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const corner = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return a <= b && a <= c ? left : b <= c ? up : corner;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const colours = new Set<number>();
  for (let i = 0; i < pixels.length; i += channels) colours.add(pixels.readUIntBE(i, 3));
  return { width, height, colours: colours.size };
}

(available ? describe : describe.skip)('the auditor console in a headless browser', () => {
  let service: TestApp;
  let base: string;
  let token: string;
  let complaintId: string;

  beforeAll(async () => {
    service = await startTestApp();
    await service.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(service.http.address() as AddressInfo).port}`;
    token = (await service.as('auditor', 'audrey')).Authorization.slice('Bearer '.length);
    const rita = await service.as('relationship-manager', 'rita');
    const party = await request(service.http)
      .post('/parties')
      .set(rita)
      .send({ name: 'Acme Ltd', roles: ['customer'], rolesFrom: '2026-01-01' })
      .expect(201);
    const customerId = (party.headers.location as string).split('/').pop()!;
    const complaint = await request(service.http)
      .post('/complaints')
      .set(rita)
      .send({
        customerId,
        serviceId: 'payroll',
        description: 'Payslips late',
        channel: 'portal',
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      })
      .expect(201);
    complaintId = (complaint.headers.location as string).split('/').pop()!;
    // The trail is a projection: wait until it shows both records.
    const auditor = await service.as('auditor');
    for (let attempt = 0; attempt < 100; attempt++) {
      const { body } = await request(service.http).get('/audit/events').set(auditor);
      if (body.items?.length >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(() => service?.close());

  it('signs in, filters the trail by clause, opens a record, draws charts, downloads a pack; the page is not blank', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          errors.push(message.text());
      });
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
      });
      await page.goto(`${base}/console`);
      await page.fill('#credential', token);
      await page.click('#login');
      await page.waitForSelector('#app:not([hidden])');
      await page.waitForFunction("document.querySelectorAll('#trail-rows tr').length >= 3");
      await page.waitForSelector('#verify-status .ok', { state: 'attached' });

      // Filter by clause.
      await page.selectOption('#trail-clause', '8.3.2');
      await page.click('#trail-search');
      await page.waitForFunction(
        "[...document.querySelectorAll('#trail-rows tr td:nth-child(6)')].every((cell) => cell.textContent.includes('8.3.2'))",
      );
      const types = await page.$$eval('#trail-rows tr td:nth-child(3)', (cells) =>
        cells.map((cell) => cell.textContent),
      );
      expect(types).toContain('ComplaintRecorded');

      // Open a record from the trail, then as of a date before it existed.
      await page.click(`#trail-rows button:text("complaint-${complaintId}")`);
      await page.waitForSelector('#record-title');
      expect(await page.textContent('#record-title')).toContain(`complaint-${complaintId}`);
      expect(await page.textContent('#record-state')).toContain('"status"');
      await page.fill('#record-asof', '2020-01-01T00:00');
      await page.click('#record-open');
      await page.waitForSelector('#record-view .bad');

      // Charts and the evidence pack.
      await page.click('#tabs button[data-tab="charts"]');
      await page.click('#charts-show');
      await page.waitForSelector('#charts svg');
      await page.click('#tabs button[data-tab="evidence"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#evidence-download')]);
      expect(download.suggestedFilename()).toMatch(/^evidence-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.zip$/);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const { files, problems } = readZip(readFileSync(path));
      expect(problems).toEqual([]);
      expect(files.has('index.html')).toBe(true);
      await page.waitForFunction("document.querySelector('#evidence-status').textContent.startsWith('Downloaded')");

      await page.click('#tabs button[data-tab="trail"]');
      const screenshot = await page.screenshot({ fullPage: false });
      const { width, height, colours } = pngColours(screenshot);
      expect([width, height]).toEqual([1280, 900]);
      expect(colours).toBeGreaterThan(20);
      expect(errors).toEqual([]);
      // Only the record asked for as of a date before it existed, and the browser's favicon request.
      expect(failed.filter((line) => !line.endsWith('/favicon.ico'))).toEqual([
        `404 /audit/records/complaint-${complaintId}`,
      ]);
      expect(await page.evaluate("sessionStorage.getItem('audit-console-credential')")).toBe(token);
    } finally {
      await browser.close();
    }
  });
});
