import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource } from '../../../apps/api/src/database/database.js';
import {
  canonicalJson,
  createCheckpointSigner,
  PersonalDataEventStore,
  PersonKeys,
  PersonKeys1790000050000,
  type NewEvent,
} from '@lib/event-store';
import { startPostgresHarness, type PostgresHarness } from '../../event-store/test/postgres-harness.js';
import {
  buildEvidencePack,
  exportEvidencePack,
  manifestPayload,
  readZip,
  REQUIREMENTS,
  verifyEvidencePack,
  writeZip,
  type Manifest,
} from '../src/index.js';

const EVENTS = 10_000;

const event = (type: string, data: Record<string, unknown>, clauses: string[]): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: 'loader', correlationId: randomUUID(), causationId: randomUUID(), clauses: clauses as never },
});

describe('evidence packs straight from the PostgreSQL event store', () => {
  let harness: PostgresHarness;
  let keys: PersonKeys;
  let store: PersonalDataEventStore;
  const period = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };

  beforeAll(async () => {
    harness = await startPostgresHarness({ sealer: { checkpointEvery: 1000 } });
    const dataSource = createDataSource(harness.database.url, [PersonKeys1790000050000]);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    keys = new PersonKeys(harness.pool);
    store = new PersonalDataEventStore(harness.store, keys);
    // Many complaints (with a complainant's personal data) and service level judgements.
    for (let batch = 0; batch < EVENTS / 100; batch++) {
      const complaintId = `c-${batch}`;
      await store.appendToStream(
        `complaint-${complaintId}`,
        [
          event(
            'ComplaintRecorded',
            {
              complaintId,
              customerId: 'acme',
              serviceId: 'payroll',
              description: 'late',
              channel: 'portal',
              receivedAt: new Date().toISOString(),
              complainant: { personId: `person-${batch}`, name: `Person ${batch}`, email: `p${batch}@acme.example` },
            },
            ['8.3.2'],
          ),
          ...Array.from({ length: 49 }, (_, i) =>
            event('ComplaintActionTaken', { complaintId, action: `step ${i}` }, ['8.3.2']),
          ),
        ],
        { expectedVersion: 'no-stream' },
      );
      await store.appendToStream(
        `service-level-sla-${batch}:2026-01`,
        Array.from({ length: 50 }, (_, i) =>
          event(
            i % 2 ? 'ServiceLevelTargetMet' : 'ServiceLevelTargetBreached',
            {
              agreementId: `sla-${batch % 5}`,
              periodId: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
              targetId: `t${i % 3}`,
              target: { metric: 'availability', comparator: '>=', value: 99.5, unit: '%' },
              judgedValue: 99 + (i % 10) / 10,
            },
            ['8.3.3'],
          ),
        ),
        { expectedVersion: 'no-stream' },
      );
    }
    await keys.forget('person-7');
    await harness.sealer.sealPending();
  }, 300_000);
  afterAll(() => harness.teardown());

  it(`builds and verifies the pack of ${EVENTS} events, with an Ed25519 key`, async () => {
    const pack = await exportEvidencePack(harness.pool, keys, {
      period,
      signingKey: harness.privateKey,
      createdBy: 'test',
    });
    process.stdout.write(
      `evidence export: ${pack.events} events, ${pack.archive.length} bytes in ${pack.milliseconds} ms\n`,
    );
    expect(pack.events).toBe(EVENTS);
    expect(pack.intact).toBe(true);
    expect(pack.requirements).toBe(REQUIREMENTS.length);
    const started = Date.now();
    const verified = verifyEvidencePack(pack.archive, { key: harness.publicKey });
    process.stdout.write(`evidence verify: ${Date.now() - started} ms\n`);
    expect(verified.problems).toEqual([]);
    expect(verified.warnings).toEqual([]);
    // With the public key shipped in the pack only: verified, with a word on trusting that key.
    const selfKeyed = verifyEvidencePack(pack.archive);
    expect(selfKeyed.ok).toBe(true);
    expect(selfKeyed.warnings.join(' ')).toContain('compare this id');

    const { files } = readZip(pack.archive);
    const html = files.get('index.html')!.toString();
    expect(html).toContain('Person 6');
    expect(html).not.toContain('Person 7<');
    expect(html).toContain('[erased]');
    expect(files.get('events.ndjson')!.toString()).not.toContain('p6@acme.example');
  }, 120_000);

  it('streams the archive it describes: the same bytes as the pack in one buffer', async () => {
    const now = () => new Date('2026-03-01T12:00:00.000Z');
    const options = { period, signingKey: harness.privateKey, createdBy: 'test', seal: false, now };
    const dir = mkdtempSync(join(tmpdir(), 'evidence-stream-'));
    try {
      const pack = await buildEvidencePack(harness.pool, keys, options);
      await pack.writeTo(createWriteStream(join(dir, 'pack.zip')));
      const streamed = readFileSync(join(dir, 'pack.zip'));
      expect(streamed.length).toBe(pack.bytes);
      expect(streamed.equals((await exportEvidencePack(harness.pool, keys, options)).archive)).toBe(true);
      expect(verifyEvidencePack(streamed, { key: harness.publicKey }).problems).toEqual([]);
      expect(Object.keys(pack.phases)).toEqual(['seal', 'walk', 'chainVerification', 'files']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('verifies packs made before event lines kept the stored JSON text (compact lines, pretty files)', async () => {
    const pack = await exportEvidencePack(harness.pool, keys, {
      period,
      signingKey: harness.privateKey,
      createdBy: 'test',
      seal: false,
    });
    const { files } = readZip(pack.archive);
    const lines = files.get('events.ndjson')!.toString().split('\n').filter(Boolean);
    // The data as the database gives its text ("a": 1, with spaces), not as JSON.stringify writes it.
    expect(lines[0]).toContain('"data":{"');
    expect(lines[0]).toMatch(/"data":\{"[^"]+": /);
    const compact = Buffer.from(lines.map((line) => `${JSON.stringify(JSON.parse(line))}\n`).join(''));
    expect(compact.equals(files.get('events.ndjson')!)).toBe(false);
    const signed = JSON.parse(files.get('manifest.json')!.toString()) as Manifest;
    const { signature: _signature, ...unsigned } = signed;
    const earlier: Manifest = {
      ...unsigned,
      files: {
        ...unsigned.files,
        'events.ndjson': { sha256: createHash('sha256').update(compact).digest('hex'), bytes: compact.length },
      },
    };
    const signer = createCheckpointSigner(harness.privateKey);
    const manifest = {
      ...earlier,
      signature: {
        algorithm: signer.algorithm,
        keyId: signer.keyId,
        value: signer.sign(manifestPayload(earlier)).toString('base64'),
      },
    };
    const old = writeZip(
      [...files].map(([name, data]) => ({
        name,
        data:
          name === 'events.ndjson' ? compact : name === 'manifest.json' ? Buffer.from(JSON.stringify(manifest)) : data,
      })),
    );
    const result = verifyEvidencePack(old, { key: harness.publicKey });
    expect(result.problems).toEqual([]);
    expect(result.checked).toContain(`${EVENTS} events recomputed against their chain hashes`);
    // And each line still carries the event as chained: its canonical form is unchanged.
    expect(canonicalJson(JSON.parse(lines[0]!))).toBe(canonicalJson(JSON.parse(compact.toString().split('\n')[0]!)));
  }, 120_000);

  it('signs the manifest: a pack re-made with other hashes but not re-signed is refused', async () => {
    const pack = await exportEvidencePack(harness.pool, keys, {
      period,
      signingKey: harness.privateKey,
      createdBy: 'test',
      seal: false,
    });
    const { files } = readZip(pack.archive);
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    manifest.createdBy = 'someone else';
    const forged = writeZip(
      [...files].map(([name, data]) => ({
        name,
        data: name === 'manifest.json' ? Buffer.from(JSON.stringify(manifest)) : data,
      })),
    );
    const result = verifyEvidencePack(forged, { key: harness.publicKey });
    expect(result.problems).toEqual([{ file: 'manifest.json', message: 'the manifest: the signature does not match' }]);
  }, 120_000);

  it('shows a log altered in the database as NOT intact in the pack', async () => {
    await harness.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{action}', '"rewritten"') WHERE global_position = 1234`,
    );
    const pack = await exportEvidencePack(harness.pool, keys, {
      period,
      signingKey: harness.privateKey,
      createdBy: 'test',
    });
    expect(pack.intact).toBe(false);
    const { files } = readZip(pack.archive);
    expect(files.get('index.html')!.toString()).toContain('NOT INTACT');
    expect(JSON.parse(files.get('chain-proof.json')!.toString()).verification).toMatchObject({
      intact: false,
      firstBadPosition: '1234',
    });
    // The altered event no longer matches the hash it was sealed with.
    const result = verifyEvidencePack(pack.archive, { key: harness.publicKey });
    expect(result.problems).toEqual([
      expect.objectContaining({ file: 'events.ndjson', message: expect.stringContaining('position 1234') }),
    ]);
  }, 120_000);
});
