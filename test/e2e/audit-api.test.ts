import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { readZip, REQUIREMENTS, verifyEvidencePack } from '@lib/audit';
import { PersonKeys } from '@lib/event-store';
import { evidenceCommands } from '../../apps/cli/src/evidence.js';
import { startTestApp, type TestApp } from '../support/app.js';

type Headers = { Authorization: string };
type Entry = {
  globalPosition: string;
  eventId: string;
  streamId: string;
  type: string;
  recordedAt: string;
  hash: string | null;
  data: Record<string, unknown>;
  metadata: { actor: string; clauses: string[]; correlationId: string; causationId: string };
};

const SECRET = 'test-audit-checkpoint-secret-of-32-characters';

const slaTerms = {
  services: ['payroll'],
  targets: [
    {
      targetId: 'availability',
      name: 'Monthly availability of payroll',
      serviceId: 'payroll',
      metric: 'availability',
      comparator: '>=',
      value: 99.5,
      unit: '%',
      measurementPeriod: 'P1M',
      method: 'Minutes answering synthetic probes over minutes in the month',
    },
  ],
  exceptions: {
    plannedMaintenanceWindows: [{ windowId: 'sunday', description: 'Patching', schedule: 'Sundays 02:00-04:00 UTC' }],
    excludedCauses: [],
  },
  workloadLimits: [{ limitId: 'incidents', name: 'Incidents logged', unit: 'incidents', limit: 500, period: 'P1M' }],
  serviceCredits: [],
  provider: { owner: 'sam', obligations: ['Run payroll'], authorities: ['Maintain'], responsibilities: ['Report'] },
  counterparty: { owner: 'carla', obligations: ['Pay'], authorities: ['Approve'], responsibilities: ['Name users'] },
  reviewInterval: 'P6M',
  term: { effectiveFrom: '2026-01-01', effectiveTo: '2099-12-31', renewal: 'manual', noticePeriod: 'P3M' },
  escalation: { route: [{ level: 1, contact: 'service desk' }], disputeResolution: 'Steering committee' },
};

/** The current quarter, in which everything of this test is recorded. */
function currentQuarter(): { from: string; to: string } {
  const now = new Date();
  const first = Math.floor(now.getUTCMonth() / 3) * 3;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    from: day(new Date(Date.UTC(now.getUTCFullYear(), first, 1))),
    to: day(new Date(Date.UTC(now.getUTCFullYear(), first + 3, 0))),
  };
}

async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} never happened`);
}

describe('the auditor over HTTP: trail, trace, as of, sampling, verification, evidence pack', () => {
  let service: TestApp;
  let sam: Headers;
  let rita: Headers;
  let bob: Headers;
  let carla: Headers;
  let auditor: Headers;
  let customerId: string;
  let supplierId: string;
  let agreementId: string;
  let complaintIds: string[] = [];
  let totalEvents = 0;
  const quarter = currentQuarter();

  const post = (path: string, who: Headers, body: object) => request(service.http).post(path).set(who).send(body);
  const get = (path: string, query: Record<string, string | number> = {}) =>
    request(service.http).get(path).query(query).set(auditor);
  const trail = async (query: Record<string, string | number>) => (await get('/audit/events', query).expect(200)).body;
  const idOf = (response: request.Response) => (response.headers.location as string).split('/').pop()!;

  beforeAll(async () => {
    service = await startTestApp();
    sam = await service.as('service-manager', 'sam');
    rita = await service.as('relationship-manager', 'rita');
    bob = await service.as('supplier-manager', 'bob');
    carla = await service.as('service-manager', 'carla');
    auditor = await service.as('auditor', 'audrey');

    // The customer, its designated owner, and how the two sides communicate (8.3.2).
    customerId = idOf(
      await post('/parties', rita, { name: 'Acme Ltd', roles: ['customer'], rolesFrom: '2026-01-01' }).expect(201),
    );
    await post(`/parties/${customerId}/designations`, rita, {
      responsibility: 'customer-relationship',
      responsible: { personId: 'person-carla', name: 'Carla Jones', email: 'carla@acme.example' },
      from: '2026-01-01',
    }).expect(200);
    await post(`/parties/${customerId}/communication-arrangements`, rita, {
      purpose: 'Service performance update',
      channel: 'meeting',
      frequency: 'monthly',
      participants: [{ personId: 'person-carla', name: 'Carla Jones', side: 'party' }],
    }).expect(200);

    // The SLA, agreed by both sides and in force (8.3.3).
    agreementId = idOf(
      await post('/agreements', sam, {
        kind: 'SLA',
        title: 'Payroll SLA',
        providerPartyId: 'party-provider',
        counterpartyPartyId: customerId,
        counterpartyRole: 'customer',
      }).expect(201),
    );
    await post(`/agreements/${agreementId}/proposals`, sam, { side: 'provider', terms: slaTerms }).expect(200);
    await post(`/agreements/${agreementId}/acceptances`, sam, { side: 'provider', version: 1 }).expect(200);
    await post(`/agreements/${agreementId}/acceptances`, carla, { side: 'counterparty', version: 1 }).expect(200);
    await post(`/agreements/${agreementId}/activation`, sam, { effectiveOn: '2026-01-01' }).expect(200);

    // March: availability missed; the service raises an improvement opportunity from the breach.
    const march = `/agreements/${agreementId}/periods/2026-03`;
    await post(march, sam, { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' }).expect(201);
    const measuredAt = '2026-03-31T23:00:00Z';
    await post(`${march}/measurements`, sam, {
      targetId: 'availability',
      value: 99.1,
      source: 'probes',
      measuredAt,
    }).expect(200);
    await post(`${march}/workload`, sam, { limitId: 'incidents', actual: 420, source: 'desk', measuredAt }).expect(200);
    await post(`${march}/closure`, sam, {}).expect(200);

    // Two complaints, one escalated and closed; the complainant of the other asks to be forgotten.
    const complaint = (personId: string, name: string) => ({
      customerId,
      serviceId: 'payroll',
      description: 'Payslips were sent a day late',
      channel: 'portal',
      receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      complainant: { personId, name, email: `${personId}@acme.example` },
    });
    const first = idOf(await post('/complaints', rita, complaint('person-carla', 'Carla Jones')).expect(201));
    await post(`/complaints/${first}/escalation`, rita, {
      route: 'service owner',
      escalatedTo: 'person-sam',
      reason: 'Second late run',
    }).expect(200);
    await post(`/complaints/${first}/resolution`, rita, { resolution: 'Batch job rescheduled' }).expect(200);
    await post(`/complaints/${first}/closure`, rita, {
      basis: 'customer-confirmed',
      confirmedBy: 'person-carla',
    }).expect(200);
    const second = idOf(await post('/complaints', rita, complaint('person-zed', 'Zed Forgotten-Person')).expect(201));
    complaintIds = [first, second];
    await new PersonKeys(service.database.pool).forget('person-zed');

    // An external supplier and a dispute with it, to closure (8.3.4.1).
    supplierId = idOf(
      await post('/parties', bob, { name: 'Hoster plc', roles: ['external-supplier'], rolesFrom: '2026-01-01' }).expect(
        201,
      ),
    );
    await post(`/parties/${supplierId}/designations`, bob, {
      responsibility: 'supplier-relationship',
      responsible: { personId: 'person-bob', name: 'Bob Owner' },
      from: '2026-01-01',
    }).expect(200);
    const dispute = idOf(
      await post('/disputes', bob, {
        partyId: supplierId,
        raisedBy: 'provider',
        subject: { kind: 'charge', agreementId: 'contract-hosting', chargeId: 'invoice-9' },
        claim: 'Invoiced twice',
      }).expect(201),
    );
    await post(`/disputes/${dispute}/withdrawal`, bob, {
      withdrawnBy: 'provider',
      reason: 'Credit note received',
    }).expect(200);
    await post(`/disputes/${dispute}/closure`, bob, {}).expect(200);

    // Wait for the improvement (a reaction), the audit-trail projection and the chain sealer.
    const breach = await eventually(
      async () => (await trail({ type: 'ServiceLevelTargetBreached' })).items as Entry[],
      (items) => items.length === 1,
      'the breach in the trail',
    );
    const raised = await eventually(
      async () => (await get(`/audit/events/${breach[0]!.eventId}/trace`).expect(200)).body.events as Entry[],
      (events) => events.some((event) => event.type === 'ImprovementOpportunityRaised'),
      'the improvement raised from the breach',
    );
    const improvement = `/improvements/${raised.find((event) => event.type === 'ImprovementOpportunityRaised')!.streamId.slice('improvement-'.length)}`;
    await post(`${improvement}/owner`, sam, { ownerId: 'sam' }).expect(200);
    await post(`${improvement}/actions`, sam, {
      description: 'Add a second database node',
      dueOn: '2026-12-31',
    }).expect(200);
    const { rows } = await service.database.pool.query(
      `SELECT data->>'actionId' AS id FROM events WHERE event_type = 'ImprovementActionAdded'`,
    );
    await post(`${improvement}/actions/${rows[0].id}/completion`, sam, { outcome: 'Node added' }).expect(200);
    await post(`${improvement}/closure`, sam, {
      summary: 'Failover removes the single point of failure',
      evidence: [{ description: 'Failover test report', reference: 'doc-4711' }],
    }).expect(200);

    totalEvents = Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);
    await eventually(
      async () => (await trail({ limit: 500 })).items as Entry[],
      (items) => items.length === totalEvents && items.every((item) => item.hash !== null),
      'the whole log projected and sealed',
    );
  }, 120_000);
  afterAll(() => service.close());

  it('lists every event with data, metadata, position and hash, paged by cursor', async () => {
    const all = (await trail({ limit: 500 })).items as Entry[];
    expect(all).toHaveLength(totalEvents);
    for (const entry of all) {
      expect(entry).toMatchObject({
        globalPosition: expect.stringMatching(/^\d+$/),
        eventId: expect.any(String),
        data: expect.any(Object),
        metadata: expect.objectContaining({ actor: expect.any(String), clauses: expect.any(Array) }),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await trail({
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((entry) => entry.globalPosition)).toEqual(all.map((entry) => entry.globalPosition));
    await get('/audit/events', { cursor: 'nonsense' }).expect(400);
    await get('/audit/events', { clause: '9.9' }).expect(400);
  });

  it('filters by clause, party, agreement, stream, type, actor and time', async () => {
    const bobs = (await trail({ clause: '8.3.4.1', limit: 500 })).items as Entry[];
    expect(bobs.length).toBeGreaterThan(0);
    expect(bobs.every((entry) => entry.metadata.clauses.includes('8.3.4.1'))).toBe(true);

    const forCustomer = (await trail({ partyId: customerId, limit: 500 })).items as Entry[];
    const kinds = new Set(forCustomer.map((entry) => entry.streamId.split('-')[0]));
    for (const kind of ['party', 'agreement', 'complaint', 'service']) expect(kinds).toContain(kind);
    expect(kinds).not.toContain('dispute');
    const forAgreement = (await trail({ agreementId, limit: 500 })).items as Entry[];
    expect(forAgreement.some((entry) => entry.streamId === `service-level-${agreementId}:2026-03`)).toBe(true);
    expect(forAgreement.some((entry) => entry.type === 'ImprovementOpportunityRaised')).toBe(true);

    const stream = (await trail({ streamId: `agreement-${agreementId}` })).items as Entry[];
    expect(stream.map((entry) => entry.type)).toEqual([
      'AgreementDrafted',
      'TermsProposed',
      'TermsAccepted',
      'TermsAccepted',
      'AgreementAgreed',
      'AgreementActivated',
    ]);
    expect((await trail({ type: 'ComplaintRecorded' })).items).toHaveLength(2);
    const byBob = (await trail({ actor: 'bob', limit: 500 })).items as Entry[];
    expect(byBob.length).toBeGreaterThan(0);
    expect(byBob.every((entry) => entry.metadata.actor === 'bob')).toBe(true);
    expect((await trail({ from: '2099-01-01T00:00:00Z' })).items).toEqual([]);
    expect((await trail({ to: '2000-01-01T00:00:00Z' })).items).toEqual([]);
  });

  it('shows a forgotten person as [erased] and everyone else as recorded', async () => {
    const complaints = (await trail({ type: 'ComplaintRecorded' })).items as Entry[];
    const names = complaints.map((entry) => (entry.data.complainant as { name: string }).name);
    expect(names).toEqual(['Carla Jones', '[erased]']);
  });

  it('exports any filtered view as CSV and JSON', async () => {
    const csv = await get('/audit/events/export', { clause: '8.3.2', format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-trail-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^globalPosition,recordedAt,eventId,streamId/);
    const expected = (await trail({ clause: '8.3.2', limit: 500 })).items as Entry[];
    expect(lines).toHaveLength(expected.length + 1);
    expect(csv.text).not.toContain('Zed Forgotten-Person');

    const json = await get('/audit/events/export', { clause: '8.3.2', format: 'json' })
      .buffer(true)
      .parse((response, done) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => done(null, body));
      })
      .expect(200);
    expect((JSON.parse(json.body as string) as Entry[]).map((entry) => entry.eventId)).toEqual(
      expected.map((entry) => entry.eventId),
    );
  });

  it('traces a breach to the improvement it raised, its actions and closure', async () => {
    const [breach] = (await trail({ type: 'ServiceLevelTargetBreached' })).items as Entry[];
    const { body } = await get(`/audit/events/${breach!.eventId}/trace`).expect(200);
    const relation = (type: string) => body.events.find((event: Entry) => event.type === type)?.relation;
    expect(relation('ServiceLevelTargetBreached')).toBe('self');
    expect(relation('ImprovementOpportunityRaised')).toBe('consequence');
    expect(relation('ImprovementActionAdded')).toBe('consequence');
    expect(relation('ImprovementActionCompleted')).toBe('consequence');
    expect(relation('ImprovementOpportunityClosed')).toBe('consequence');
    expect(relation('ServiceLevelPeriodClosed')).toBe('correlated');
    const raised = body.events.find((event: Entry) => event.type === 'ImprovementOpportunityRaised');
    expect(raised.causedBy).toBe(breach!.eventId);
    await get('/audit/events/00000000-0000-4000-8000-000000000000/trace').expect(404);
    await get('/audit/events/not-a-uuid/trace').expect(400);
  });

  it('shows a record as it stood on a date, with the events since', async () => {
    const stream = (await trail({ streamId: `agreement-${agreementId}` })).items as Entry[];
    const proposed = stream.find((entry) => entry.type === 'TermsProposed')!;
    const then = await get(`/audit/records/agreement-${agreementId}`, { asOf: proposed.recordedAt }).expect(200);
    expect(then.body).toMatchObject({ streamId: `agreement-${agreementId}`, recordType: 'agreement', version: 1 });
    expect(then.body.history.map((event: Entry) => event.type)).toEqual(['AgreementDrafted', 'TermsProposed']);
    expect(then.body.since.map((event: Entry) => event.type)).toEqual([
      'TermsAccepted',
      'TermsAccepted',
      'AgreementAgreed',
      'AgreementActivated',
    ]);
    const now = await get(`/audit/records/agreement-${agreementId}`).expect(200);
    expect(now.body.version).toBe(5);
    expect(now.body.since).toEqual([]);
    for (const streamId of [`supplier-${supplierId}`, `party-${supplierId}`, `complaint-${complaintIds[0]}`]) {
      const { status } = await get(`/audit/records/${streamId}`);
      expect([streamId, status]).toEqual([streamId, streamId.startsWith('supplier-') ? 404 : 200]);
    }
    await get(`/audit/records/agreement-${agreementId}`, { asOf: '2000-01-01T00:00:00Z' }).expect(404);
    await get('/audit/records/unknown-thing').expect(404);
  });

  it('draws reproducible samples from a seed', async () => {
    const draw = async (seed: string) =>
      (await get('/audit/sample', { kind: 'complaints', size: 1, seed, ...quarter }).expect(200)).body;
    const first = await draw('2026-Q4');
    expect(first).toMatchObject({
      kind: 'complaints',
      populationSize: 2,
      size: 1,
      algorithm: expect.stringContaining('SHA-256'),
    });
    expect(first.sample).toHaveLength(1);
    expect(await draw('2026-Q4')).toEqual(first);
    expect(complaintIds).toContain(first.sample[0].id);
    const all = (await get('/audit/sample', { kind: 'complaints', size: 10, seed: 's' }).expect(200)).body;
    expect(all.sample.map((item: { id: string }) => item.id).sort()).toEqual([...complaintIds].sort());
    await get('/audit/sample', { kind: 'complaints', size: 1, seed: 's', from: '2026-05-01', to: '2026-04-01' }).expect(
      400,
    );
    await get('/audit/sample', { kind: 'planets', size: 1, seed: 's' }).expect(400);
  });

  it('runs the chain verification and shows the checkpoints it checked', async () => {
    await get('/audit/evidence', quarter).expect(200); // signs a checkpoint at the head
    const { body } = await get('/audit/verification').expect(200);
    expect(body).toMatchObject({
      intact: true,
      key: { algorithm: 'hmac-sha256', keyId: expect.stringMatching(/^hmac:/) },
    });
    expect(Number(body.verifiedUpTo)).toBeGreaterThanOrEqual(totalEvents);
    expect(body.checkpoints.length).toBeGreaterThan(0);
    expect(body.checkpoints.every((checkpoint: { signatureValid: boolean }) => checkpoint.signatureValid)).toBe(true);
  });

  it('produces an evidence pack for the quarter that lists every requirement, and that verifies offline', async () => {
    const started = Date.now();
    const response = await get('/audit/evidence', quarter)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const elapsed = Date.now() - started;
    expect(response.headers['content-type']).toBe('application/zip');
    const archive = response.body as Buffer;
    const { files, problems } = readZip(archive);
    expect(problems).toEqual([]);
    expect([...files.keys()].sort()).toEqual(
      ['README.txt', 'chain-proof.json', 'events.ndjson', 'index.html', 'manifest.json', 'requirements.json'].sort(),
    );

    const html = files.get('index.html')!.toString();
    for (const requirement of REQUIREMENTS) {
      expect(html).toContain(`id="req-${requirement.id}"`);
    }
    const results = JSON.parse(files.get('requirements.json')!.toString()).results as {
      id: string;
      status: string;
      records: unknown[];
    }[];
    expect(results.map((result) => result.id)).toEqual(REQUIREMENTS.map((requirement) => requirement.id));
    for (const result of results) {
      expect(result.status === 'evidenced' ? result.records.length > 0 : result.status === 'gap').toBe(true);
    }
    const status = Object.fromEntries(results.map((result) => [result.id, result.status]));
    expect(status).toMatchObject({
      '8.3.2-parties': 'evidenced',
      '8.3.2-owners': 'evidenced',
      '8.3.2-communication': 'evidenced',
      '8.3.2-complaints': 'evidenced',
      '8.3.2-escalation': 'evidenced',
      '8.3.3-slas': 'evidenced',
      '8.3.3-targets': 'evidenced',
      '8.3.3-monitoring': 'evidenced',
      '8.3.3-workload': 'evidenced',
      '8.3.3-improvement': 'evidenced',
      '8.3.4.1-register': 'evidenced',
      '8.3.4.1-disputes': 'evidenced',
      '8.3.2-satisfaction-sample': 'gap',
      '8.3.4.2-agreement': 'gap',
    });
    const gaps = results.filter((result) => result.status === 'gap').length;
    expect(html.match(/class="status bad">GAP</g)).toHaveLength(gaps);
    expect(response.headers['x-evidence-gaps']).toContain('8.3.2-satisfaction-sample');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).not.toMatch(/<script|src="http|href="http|@import/);
    expect(html).toContain('Carla Jones');
    expect(html).toContain('[erased]');
    for (const [name, data] of files) expect([name, data.includes('Zed Forgotten-Person')]).toEqual([name, false]);
    expect(files.get('events.ndjson')!.toString().trim().split('\n')).toHaveLength(totalEvents);

    const verified = verifyEvidencePack(archive, { key: SECRET });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.warnings).toEqual([]);
    process.stdout.write(`evidence pack of ${totalEvents} events: ${archive.length} bytes in ${elapsed} ms\n`);

    // One byte changed anywhere in a file is caught and the file named.
    for (const name of ['index.html', 'events.ndjson', 'chain-proof.json', 'manifest.json']) {
      const range = readZip(archive).ranges.get(name)!;
      const altered = Buffer.from(archive);
      const at = range.start + Math.floor((range.end - range.start) / 2);
      altered[at] = altered[at]! ^ 0x20;
      const result = verifyEvidencePack(altered, { key: SECRET });
      expect(result.ok).toBe(false);
      expect(result.problems.map((problem) => problem.file)).toContain(name);
    }
    // Without the key, the HMAC signatures cannot be checked, and the verifier says so.
    expect(verifyEvidencePack(archive).warnings.length).toBeGreaterThan(0);
  });

  it('names an event altered inside a re-packed archive, and the CLI reports it', async () => {
    const response = await get('/audit/evidence', { ...quarter, clause: '8.3.2' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const archive = response.body as Buffer;
    const { files } = readZip(archive);
    const lines = files.get('events.ndjson')!.toString().trim().split('\n');
    expect(lines.every((line) => (JSON.parse(line) as Entry).metadata.clauses.includes('8.3.2'))).toBe(true);
    const results = JSON.parse(files.get('requirements.json')!.toString()).results as { id: string }[];
    expect(results.every((result) => result.id.startsWith('8.3.2-'))).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const keyFile = join(dir, 'secret');
    writeFileSync(keyFile, SECRET);
    writeFileSync(join(dir, 'good.zip'), archive);
    const output: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    try {
      process.exitCode = undefined;
      await evidenceCommands().parseAsync(['verify', join(dir, 'good.zip'), '--key', keyFile], { from: 'user' });
      expect(output.join('')).toContain('OK:');
      expect(process.exitCode).toBeUndefined();

      const altered = Buffer.from(archive);
      const range = readZip(archive).ranges.get('events.ndjson')!;
      altered[range.start + 5] = altered[range.start + 5]! ^ 0x01;
      writeFileSync(join(dir, 'bad.zip'), altered);
      output.length = 0;
      await evidenceCommands().parseAsync(['verify', join(dir, 'bad.zip'), '--key', keyFile], { from: 'user' });
      expect(output.join('')).toMatch(/ALTERED: events\.ndjson/);
      expect(process.exitCode).toBe(2);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('refuses a bad period', async () => {
    await get('/audit/evidence', { from: '2026-05-01', to: '2026-04-01' }).expect(400);
    await get('/audit/evidence', { from: 'yesterday', to: '2026-04-01' }).expect(400);
    await get('/audit/evidence').expect(400);
  });

  it('lets the auditor read everything here and never issue a command', async () => {
    for (const path of ['/audit/events', '/audit/verification', `/audit/records/agreement-${agreementId}`]) {
      await get(path).expect(200);
    }
    const before = totalEvents;
    await post('/agreements', auditor, {
      kind: 'SLA',
      title: 'x',
      providerPartyId: 'a',
      counterpartyPartyId: 'b',
      counterpartyRole: 'customer',
    }).expect(403);
    await post(`/complaints/${complaintIds[1]}/resolution`, auditor, { resolution: 'x' }).expect(403);
    await post(`/agreements/${agreementId}/reviews`, auditor, {}).expect(403);
    const after = Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);
    expect(after).toBe(before);
    await request(service.http).get('/audit/events').expect(401);
    await request(service.http).get('/audit/evidence').query(quarter).expect(401);
  });

  it('serves the console publicly, with a strict content security policy', async () => {
    const page = await request(service.http).get('/console').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('<script src="/console/console.js" defer></script>');
    expect(page.text).not.toMatch(/ on[a-z]+="/);
    const script = await request(service.http).get('/console/console.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    await request(service.http).get('/console/console.css').expect(200);
  });
});
