import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventStore, RecordedEvent } from '@lib/event-store';
import { loadConfiguration } from '../../apps/api/src/config/configuration.js';
import { openDatabase, type Database } from '../../apps/api/src/database/database.js';
import { openEventStore } from '../../apps/api/src/event-store/open-event-store.js';
import { DEMO_ACTOR, seedDemo, streamKindOf, type SeedResult } from '../../apps/cli/src/seed/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** `cli seed --demo` on a fresh database: every context written through its decider, a year of periods, and once only. */
describe('seed --demo', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let store: EventStore;
  let result: SeedResult;
  let log: RecordedEvent[];

  beforeAll(async () => {
    testDatabase = await createTestDatabase('seed_demo');
    database = await openDatabase(
      loadConfiguration({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: testDatabase.url }),
    );
    store = await openEventStore(
      loadConfiguration({ ...process.env, NODE_ENV: 'test', DATABASE_URL: testDatabase.url }),
      database,
    );
    result = await seedDemo(store);
    log = [];
    for (let from = 0n; ;) {
      const page = await store.readAll({ fromPosition: from, limit: 5000 });
      if (page.length === 0) break;
      log.push(...page);
      from = page[page.length - 1]!.globalPosition;
    }
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await database?.close();
    await testDatabase?.drop();
  });

  it('writes events to every bounded context, all recorded as the seeder', () => {
    expect(result.outcome).toBe('seeded');
    expect(log).toHaveLength(result.events);
    const kinds = new Set(log.map((event) => streamKindOf(event.streamId)));
    expect([...kinds].sort()).toEqual(
      [
        'agreements',
        'complaints',
        'disputes',
        'improvements',
        'parties',
        'reviews',
        'service level periods',
        'suppliers',
        'surveys',
      ].sort(),
    );
    expect(new Set(log.map((event) => event.metadata.actor))).toEqual(new Set([DEMO_ACTOR]));
    expect(log.every((event) => event.metadata.clauses.length > 0)).toBe(true);
  });

  it('records twelve monthly periods per agreement, all closed, mostly met with a few breaches', () => {
    const agreements = log.filter((event) => event.type === 'AgreementDrafted').map((event) => event.data.agreementId);
    expect(agreements.length).toBe(7);
    const opened = log.filter((event) => event.type === 'ServiceLevelPeriodOpened');
    for (const agreementId of agreements) {
      const periods = opened
        .filter((event) => event.data.agreementId === agreementId)
        .map((event) => event.data.periodId);
      expect(periods).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    }
    expect(log.filter((event) => event.type === 'ServiceLevelPeriodClosed')).toHaveLength(7 * 12);
    const breached = log.filter((event) => event.type === 'ServiceLevelTargetBreached');
    const met = log.filter((event) => event.type === 'ServiceLevelTargetMet');
    expect(breached.length).toBeGreaterThanOrEqual(5);
    expect(met.length).toBeGreaterThan(10 * breached.length);
    expect(log.some((event) => event.type === 'ExceptionApproved')).toBe(true);
    expect(log.some((event) => event.type === 'MeasurementCorrected')).toBe(true);
    expect(log.some((event) => event.type === 'WorkloadLimitExceeded')).toBe(true);
  });

  it('leaves complaints at every stage: closed, reopened, still open', () => {
    const last = new Map<string, string>();
    for (const event of log.filter((candidate) => candidate.streamId.startsWith('complaint-'))) {
      last.set(event.streamId, event.type);
    }
    const states = [...last.values()];
    expect(states).toContain('ComplaintClosed');
    expect(states.some((type) => type !== 'ComplaintClosed' && type !== 'ComplaintResolved')).toBe(true);
    expect(log.some((event) => event.type === 'ComplaintReopened')).toBe(true);
    expect(log.some((event) => event.type === 'ComplaintEscalated')).toBe(true);
  });

  it('covers negotiation, amendment, alignment, surveys, reviews and disputes', () => {
    const types = new Set(log.map((event) => event.type));
    for (const type of [
      'TermsCounterProposed',
      'ProposalWithdrawn',
      'AgreementActivated',
      'AmendmentImpactAssessed',
      'AgreementAmended',
      'ResponsiblePersonDesignated',
      'CommunicationArrangementChanged',
      'CommunicationHeld',
      'SupplierSelected',
      'SurveyAnalysed',
      'SurveyResultsReported',
      'ReviewHeld',
      'ReviewActionCompleted',
      'ImprovementOpportunityClosed',
      'DisputeResolved',
      'DisputeWithdrawn',
      'DisputeClosed',
    ]) {
      expect(types).toContain(type);
    }
    const alignments = log.filter((event) => event.type === 'TargetAlignmentAssessed');
    expect(alignments.some((event) => event.data.outcome === 'misaligned' && event.data.riskTreatment)).toBe(true);
    expect(log.filter((event) => event.type === 'SurveyAnalysed')).toHaveLength(2);
    const disputes = new Map<string, string>();
    for (const event of log.filter((candidate) => candidate.streamId.startsWith('dispute-'))) {
      disputes.set(event.streamId, event.type);
    }
    expect([...disputes.values()].sort()).toEqual(
      ['DisputeClosed', 'DisputeResolutionProposed', 'DisputeWithdrawn'].sort(),
    );
  });

  it('writes nothing on a second run', async () => {
    const head = await store.headPosition();
    const again = await seedDemo(store);
    expect(again).toMatchObject({ outcome: 'already-present', events: 0, complete: true });
    expect(await store.headPosition()).toBe(head);
  });
});
