import { describe, expect, it } from '@jest/globals';
import {
  agreementEventSchemas,
  complaintEventSchemas,
  disputeEventSchemas,
  improvementEventSchemas,
  ISO_CLAUSES,
  partyEventSchemas,
  reviewEventSchemas,
  serviceLevelEventSchemas,
  supplierEventSchemas,
  surveyEventSchemas,
} from '@lib/domain';
import { evaluateRequirements, matchesSource, REQUIREMENTS, type MatchableEvent } from './requirements.js';

const KNOWN_TYPES = new Set(
  [
    agreementEventSchemas,
    complaintEventSchemas,
    disputeEventSchemas,
    improvementEventSchemas,
    partyEventSchemas,
    reviewEventSchemas,
    serviceLevelEventSchemas,
    supplierEventSchemas,
    surveyEventSchemas,
  ].flatMap((schemas) => Object.keys(schemas)),
);

const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const event = (
  type: string,
  recordedAt: string,
  data: Record<string, unknown> = {},
  clauses: string[] = [],
): MatchableEvent => ({
  type,
  recordedAt: new Date(recordedAt),
  data,
  metadata: { clauses },
});

describe('the requirement table', () => {
  it('covers every clause from 8.3.2 to 8.3.4.2, with unique ids', () => {
    for (const clause of ISO_CLAUSES)
      expect(REQUIREMENTS.some((requirement) => requirement.clause === clause)).toBe(true);
    expect(new Set(REQUIREMENTS.map((requirement) => requirement.id)).size).toBe(REQUIREMENTS.length);
    for (const requirement of REQUIREMENTS) expect(requirement.id.startsWith(`${requirement.clause}-`)).toBe(true);
  });

  it('names only event types the domain records', () => {
    const named = REQUIREMENTS.flatMap((requirement) => [
      ...requirement.sources.flatMap((source) => source.types),
      ...(requirement.onlyIf?.source.types ?? []),
    ]);
    expect(named.filter((type) => !KNOWN_TYPES.has(type))).toEqual([]);
  });

  it('asks for the records an auditor of 8.3 looks for', () => {
    const typesOf = (id: string) =>
      REQUIREMENTS.find((requirement) => requirement.id === id)!.sources.flatMap((s) => s.types);
    expect(typesOf('8.3.3-monitoring')).toContain('ServiceLevelTargetBreached');
    expect(typesOf('8.3.3-improvement')).toContain('ImprovementOpportunityRaised');
    expect(typesOf('8.3.2-complaints')).toContain('ComplaintClosed');
    expect(typesOf('8.3.2-escalation')).toEqual(['ComplaintEscalated']);
    expect(typesOf('8.3.4.1-changes')).toContain('AmendmentImpactAssessed');
    expect(typesOf('8.3.4.1-disputes')).toContain('DisputeClosed');
    expect(typesOf('8.3.2-owners')).toEqual(['ResponsiblePersonDesignated']);
  });
});

describe('matching events to requirements', () => {
  const owners = REQUIREMENTS.find((requirement) => requirement.id === '8.3.2-owners')!.sources[0]!;
  const monitoring = REQUIREMENTS.find((requirement) => requirement.id === '8.3.4.1-monitoring')!.sources[0]!;

  it('takes standing records made before the period, and period records only from within it', () => {
    const designated = event('ResponsiblePersonDesignated', '2025-06-01T00:00:00Z', {
      responsibility: 'customer-relationship',
    });
    expect(matchesSource(owners, designated, period)).toBe(true);
    expect(matchesSource(owners, { ...designated, recordedAt: new Date('2026-04-01T00:00:00Z') }, period)).toBe(false);
    const measured = event('MeasurementRecorded', '2026-02-01T00:00:00Z', {}, ['8.3.3', '8.3.4.1']);
    expect(matchesSource(monitoring, measured, period)).toBe(true);
    expect(matchesSource(monitoring, { ...measured, recordedAt: new Date('2025-12-31T23:59:59Z') }, period)).toBe(
      false,
    );
  });

  it('checks the clause and the data condition', () => {
    expect(matchesSource(monitoring, event('MeasurementRecorded', '2026-02-01T00:00:00Z', {}, ['8.3.3']), period)).toBe(
      false,
    );
    expect(
      matchesSource(
        owners,
        event('ResponsiblePersonDesignated', '2026-02-01T00:00:00Z', { responsibility: 'contracts' }),
        period,
      ),
    ).toBe(false);
  });

  it('shows every requirement: evidenced with its records, or a gap (with why it may be expected)', () => {
    const events = [
      event('ComplaintRecorded', '2026-02-01T00:00:00Z', {}, ['8.3.2']),
      event('ServiceLevelTargetMet', '2026-02-02T00:00:00Z', {}, ['8.3.3']),
    ];
    const results = evaluateRequirements(events, period);
    expect(results.map((result) => result.requirement.id)).toEqual(REQUIREMENTS.map((requirement) => requirement.id));
    const byId = new Map(results.map((result) => [result.requirement.id, result]));
    expect(byId.get('8.3.2-complaints')).toMatchObject({ status: 'evidenced', records: [events[0]] });
    expect(byId.get('8.3.3-monitoring')).toMatchObject({ status: 'evidenced' });
    expect(byId.get('8.3.2-escalation')).toMatchObject({ status: 'gap' });
    expect(byId.get('8.3.2-escalation')!.note).toBeUndefined();
    expect(byId.get('8.3.3-improvement')).toMatchObject({
      status: 'gap',
      note: expect.stringContaining('no target was missed'),
    });
    expect(evaluateRequirements(events, period, '8.3.3').every((result) => result.requirement.clause === '8.3.3')).toBe(
      true,
    );
  });
});
