import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { fold } from '../shared/index.js';
import { agreementDecider } from '../agreements/decider.js';
import { ALICE, CAROL, activeHistory, at, availabilityTarget, continued, slaTerms } from '../agreements/fixtures.js';
import type { ServiceLevelCommand } from './commands.js';
import { serviceLevelDecider } from './decider.js';
import type { ServiceLevelEvent } from './events.js';
import { periodTermsInForce } from './period-terms.js';
import { serviceLevelStreamId } from './stream.js';

const spec = specFor(serviceLevelDecider);
const agreementId = 'sla-payroll';
const periodId = '2026-03';
const start = '2026-03-01T00:00:00Z';
const end = '2026-04-01T00:00:00Z';
const march = periodTermsInForce(fold(agreementDecider, activeHistory(agreementId)), start)!;
const ids = { agreementId, periodId };

const open: ServiceLevelCommand = {
  type: 'OpenServiceLevelPeriod',
  ...ids,
  start,
  end,
  ...march,
  at: at('2026-03-01'),
  by: ALICE,
};
const opened: ServiceLevelEvent = {
  type: 'ServiceLevelPeriodOpened',
  data: { ...ids, start, end, ...march, at: at('2026-03-01'), by: ALICE },
};
const measure = (measurementId: string, targetId: string, value: number, measuredAt = '2026-03-31T23:00:00Z') =>
  ({
    type: 'RecordMeasurement',
    ...ids,
    measurementId,
    targetId,
    value,
    source: 'probe',
    measuredAt,
    at: at('2026-04-01', '06:00:00'),
    by: ALICE,
  }) satisfies ServiceLevelCommand;
const close: ServiceLevelCommand = { type: 'CloseServiceLevelPeriod', ...ids, at: at('2026-04-02'), by: ALICE };

/** The events of commands decided one after the other on a period stream. */
function periodHistory(...commands: ServiceLevelCommand[]): ServiceLevelEvent[] {
  const history: ServiceLevelEvent[] = [];
  for (const command of commands)
    history.push(...serviceLevelDecider.decide(command, fold(serviceLevelDecider, history)));
  return history;
}

describe('opening a period', () => {
  it('opens the period with the agreement version in force at its start', () => {
    expect(march.agreementVersion).toBe(1);
    expect(serviceLevelStreamId(agreementId, periodId)).toBe('service-level-sla-payroll:2026-03');
    spec.given().when(open).then(opened);
  });

  it('refuses a period that is already open, or that ends before it starts', () => {
    spec.given(opened).when(open).thenRefuses('already-exists', 'service-level.period-already-open');
    spec
      .given()
      .when({ ...open, start: end, end: start })
      .thenRefuses('rule-violated', 'service-level.period-dates-unordered');
  });

  it('refuses any other command on a period that is not open', () => {
    spec
      .given()
      .when(measure('m1', 'availability', 99.9))
      .thenRefuses('not-found', 'service-level.period-not-found');
  });
});

describe('measurements', () => {
  it('records a measurement for a target', () => {
    spec
      .given(opened)
      .when(measure('m1', 'availability', 99.9))
      .then({
        type: 'MeasurementRecorded',
        data: {
          ...ids,
          measurementId: 'm1',
          targetId: 'availability',
          value: 99.9,
          source: 'probe',
          measuredAt: '2026-03-31T23:00:00Z',
          at: at('2026-04-01', '06:00:00'),
          by: ALICE,
        },
      });
  });

  it('refuses a measurement of an unknown target, an invalid value, before the period or twice', () => {
    spec
      .given(opened)
      .when(measure('m1', 'nope', 1))
      .thenRefuses('rule-violated', 'service-level.target-unknown');
    spec
      .given(opened)
      .when(measure('m1', 'availability', 101))
      .thenRefuses('rule-violated', 'service-level.value-invalid');
    spec
      .given(opened)
      .when(measure('m1', 'p1-response', -2))
      .thenRefuses('rule-violated', 'service-level.value-invalid');
    spec
      .given(opened)
      .when(measure('m1', 'availability', 99, '2026-02-28T00:00:00Z'))
      .thenRefuses('rule-violated', 'service-level.measured-before-period');
    spec
      .given(...periodHistory(open, measure('m1', 'availability', 99)))
      .when(measure('m1', 'availability', 99))
      .thenRefuses('rule-violated', 'service-level.measurement-duplicate');
  });

  it('corrects a measurement with a reason: the original stays, the correction supersedes it at close', () => {
    const corrected = periodHistory(open, measure('m1', 'availability', 99.0), {
      type: 'CorrectMeasurement',
      ...ids,
      correctionId: 'c1',
      measurementId: 'm1',
      value: 99.7,
      reason: 'Probe outage counted as downtime',
      at: at('2026-04-01', '08:00:00'),
      by: CAROL,
    });
    expect(corrected.at(-1)).toEqual({
      type: 'MeasurementCorrected',
      data: {
        ...ids,
        correctionId: 'c1',
        measurementId: 'm1',
        targetId: 'availability',
        value: 99.7,
        reason: 'Probe outage counted as downtime',
        at: at('2026-04-01', '08:00:00'),
        by: CAROL,
      },
    });
    spec.given(...corrected).thenState((state) => {
      expect(state.status === 'open' && state.measurements[0]).toMatchObject({
        value: 99.0,
        corrections: [{ value: 99.7 }],
      });
    });
    const closed = serviceLevelDecider.decide(close, fold(serviceLevelDecider, corrected));
    expect(closed[0]).toMatchObject({
      type: 'ServiceLevelTargetMet',
      data: { measuredValue: 99.7, measurementId: 'm1' },
    });
  });

  it('refuses the correction of an unknown measurement', () => {
    spec
      .given(opened)
      .when({
        type: 'CorrectMeasurement',
        ...ids,
        correctionId: 'c1',
        measurementId: 'nope',
        value: 1,
        reason: 'x',
        at: at('2026-04-01'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'service-level.measurement-unknown');
  });

  it('records actual workload against a workload limit, and refuses an unknown limit', () => {
    const record = {
      type: 'RecordWorkload',
      ...ids,
      workloadRecordId: 'w1',
      limitId: 'incidents',
      actual: 420,
      source: 'service desk',
      measuredAt: '2026-03-31T23:00:00Z',
      at: at('2026-04-01'),
      by: ALICE,
    } as const;
    spec
      .given(opened)
      .when(record)
      .then({
        type: 'WorkloadRecorded',
        data: {
          ...ids,
          workloadRecordId: 'w1',
          limitId: 'incidents',
          actual: 420,
          source: 'service desk',
          measuredAt: '2026-03-31T23:00:00Z',
          at: at('2026-04-01'),
          by: ALICE,
        },
      });
    spec
      .given(opened)
      .when({ ...record, limitId: 'nope' })
      .thenRefuses('rule-violated', 'service-level.workload-limit-unknown');
  });
});

describe('exceptions', () => {
  const claim = {
    type: 'ClaimException',
    ...ids,
    claimId: 'x1',
    targetId: 'availability',
    excludedMinutes: 300,
    basis: { kind: 'planned-maintenance', referenceId: 'sunday-night' },
    reason: 'Emergency patching agreed with the customer',
    accountablePersonId: ALICE,
    at: at('2026-03-20'),
    by: ALICE,
  } as const;

  it('claims excluded downtime with a reason and an accountable person', () => {
    spec
      .given(opened)
      .when(claim)
      .then({
        type: 'ExceptionClaimed',
        data: {
          ...ids,
          claimId: 'x1',
          targetId: 'availability',
          excludedMinutes: 300,
          basis: claim.basis,
          reason: claim.reason,
          accountablePersonId: ALICE,
          at: at('2026-03-20'),
          by: ALICE,
        },
      });
  });

  it('refuses a claim without a basis in the agreement or with impossible minutes', () => {
    spec
      .given(opened)
      .when({ ...claim, basis: { kind: 'excluded-cause', referenceId: 'weather' } })
      .thenRefuses('rule-violated', 'service-level.exception-basis-unknown');
    spec
      .given(opened)
      .when({ ...claim, excludedMinutes: 0 })
      .thenRefuses('rule-violated', 'service-level.excluded-minutes-invalid');
  });

  it('approves or rejects a claim, never by the person who claimed it', () => {
    const claimed = periodHistory(open, claim);
    spec
      .given(...claimed)
      .when({ type: 'ApproveException', ...ids, claimId: 'x1', at: at('2026-03-21'), by: CAROL })
      .then({
        type: 'ExceptionApproved',
        data: { ...ids, claimId: 'x1', reason: undefined, at: at('2026-03-21'), by: CAROL },
      });
    spec
      .given(...claimed)
      .when({
        type: 'RejectException',
        ...ids,
        claimId: 'x1',
        reason: 'Not in the window',
        at: at('2026-03-21'),
        by: CAROL,
      })
      .then({
        type: 'ExceptionRejected',
        data: { ...ids, claimId: 'x1', reason: 'Not in the window', at: at('2026-03-21'), by: CAROL },
      });
    spec
      .given(...claimed)
      .when({ type: 'ApproveException', ...ids, claimId: 'x1', at: at('2026-03-21'), by: ALICE })
      .thenRefuses('rule-violated', 'service-level.exception-self-approval');
  });

  it('adjusts availability for approved excluded downtime when the method says so', () => {
    const history = periodHistory(
      open,
      claim,
      { type: 'ApproveException', ...ids, claimId: 'x1', at: at('2026-03-21'), by: CAROL },
      measure('m1', 'availability', 99.2),
    );
    // 44,640 minutes in March; 0.8 % downtime = 357.12 min, of which 300 excluded.
    const [judged] = serviceLevelDecider.decide(close, fold(serviceLevelDecider, history));
    expect(judged).toMatchObject({
      type: 'ServiceLevelTargetMet',
      data: { measuredValue: 99.2, excludedMinutes: 300, judgedValue: 99.871177 },
    });
  });
});

describe('closing a period', () => {
  it('judges each target and workload limit, records the credit tier reached and the gaps', () => {
    const history = periodHistory(
      open,
      measure('m1', 'availability', 99.7, '2026-03-15T00:00:00Z'),
      measure('m2', 'availability', 98.7),
      {
        type: 'RecordWorkload',
        ...ids,
        workloadRecordId: 'w1',
        limitId: 'incidents',
        actual: 512,
        source: 'service desk',
        measuredAt: '2026-03-31T23:00:00Z',
        at: at('2026-04-01'),
        by: ALICE,
      },
    );
    const target = { metric: 'availability', comparator: '>=', value: 99.5, unit: '%' } as const;
    spec
      .given(...history)
      .when(close)
      .then(
        {
          type: 'ServiceLevelTargetBreached',
          data: {
            ...ids,
            agreementVersion: 1,
            targetId: 'availability',
            target,
            measurementId: 'm2',
            measuredValue: 98.7,
            excludedMinutes: 0,
            judgedValue: 98.7,
            serviceCreditPercent: 10,
            serviceCreditLevel: 99,
            at: at('2026-04-02'),
            by: ALICE,
          },
        },
        {
          type: 'ServiceLevelTargetNotMeasured',
          data: {
            ...ids,
            agreementVersion: 1,
            targetId: 'p1-response',
            target: { metric: 'response-time', comparator: '<=', value: 4, unit: 'h' },
            at: at('2026-04-02'),
            by: ALICE,
          },
        },
        {
          type: 'WorkloadLimitExceeded',
          data: {
            ...ids,
            agreementVersion: 1,
            limitId: 'incidents',
            limit: 500,
            unit: 'incidents',
            actual: 512,
            at: at('2026-04-02'),
            by: ALICE,
          },
        },
        {
          type: 'ServiceLevelPeriodClosed',
          data: {
            ...ids,
            agreementVersion: 1,
            targetsMet: 0,
            targetsBreached: 1,
            targetsNotMeasured: 1,
            workloadLimitsExceeded: 1,
            at: at('2026-04-02'),
            by: ALICE,
          },
        },
      );
  });

  it('records workload within the limit and workload never recorded', () => {
    const within = periodHistory(open, {
      type: 'RecordWorkload',
      ...ids,
      workloadRecordId: 'w1',
      limitId: 'incidents',
      actual: 100,
      source: 'desk',
      measuredAt: '2026-03-31T00:00:00Z',
      at: at('2026-04-01'),
      by: ALICE,
    });
    expect(serviceLevelDecider.decide(close, fold(serviceLevelDecider, within)).map((event) => event.type)).toContain(
      'WorkloadWithinLimit',
    );
    expect(serviceLevelDecider.decide(close, fold(serviceLevelDecider, [opened])).map((event) => event.type)).toContain(
      'WorkloadNotRecorded',
    );
  });

  it('refuses to close before the period ends or with exception claims undecided', () => {
    spec
      .given(opened)
      .when({ ...close, at: '2026-03-31T23:59:59Z' })
      .thenRefuses('rule-violated', 'service-level.period-not-ended');
    const pending = periodHistory(open, {
      type: 'ClaimException',
      ...ids,
      claimId: 'x1',
      excludedMinutes: 30,
      basis: { kind: 'excluded-cause', referenceId: 'customer-network' },
      reason: 'Customer LAN down',
      accountablePersonId: CAROL,
      at: at('2026-03-20'),
      by: ALICE,
    });
    spec
      .given(...pending)
      .when(close)
      .thenRefuses('rule-violated', 'service-level.exceptions-pending');
  });

  it('refuses any change once closed', () => {
    const closed = periodHistory(open, close);
    spec
      .given(...closed)
      .when(measure('m9', 'availability', 100))
      .thenRefuses('rule-violated', 'service-level.period-closed');
  });
});

describe('judging against the version in force during the period', () => {
  it('judges the period after an amendment against the tightened target, while the earlier period keeps the old one', () => {
    const tightened = slaTerms({ targets: [{ ...availabilityTarget, value: 99.8 }, slaTerms().targets[1]] });
    const agreement = fold(
      agreementDecider,
      continued(
        activeHistory(agreementId),
        {
          type: 'ProposeAmendment',
          agreementId,
          side: 'counterparty',
          terms: tightened,
          rationale: 'Business critical',
          effectiveOn: '2026-04-01',
          at: at('2026-03-10'),
          by: CAROL,
        },
        { type: 'AcceptAmendment', agreementId, side: 'counterparty', version: 2, at: at('2026-03-11'), by: CAROL },
        { type: 'AcceptAmendment', agreementId, side: 'provider', version: 2, at: at('2026-03-12'), by: ALICE },
      ),
    );
    const judge = (period: string, from: string, to: string) => {
      const terms = periodTermsInForce(agreement, from)!;
      const periodIds = { agreementId, periodId: period };
      const history: ServiceLevelEvent[] = [];
      const commands: ServiceLevelCommand[] = [
        { type: 'OpenServiceLevelPeriod', ...periodIds, start: from, end: to, ...terms, at: from, by: ALICE },
        {
          type: 'RecordMeasurement',
          ...periodIds,
          measurementId: `${period}-m`,
          targetId: 'availability',
          value: 99.6,
          source: 'probe',
          measuredAt: from,
          at: to,
          by: ALICE,
        },
        { type: 'CloseServiceLevelPeriod', ...periodIds, at: to, by: ALICE },
      ];
      for (const command of commands)
        history.push(...serviceLevelDecider.decide(command, fold(serviceLevelDecider, history)));
      return history.find((event) => event.type.startsWith('ServiceLevelTarget'));
    };
    expect(judge('2026-03', start, end)).toMatchObject({
      type: 'ServiceLevelTargetMet',
      data: { agreementVersion: 1, target: { value: 99.5 }, judgedValue: 99.6 },
    });
    expect(judge('2026-04', end, '2026-05-01T00:00:00Z')).toMatchObject({
      type: 'ServiceLevelTargetBreached',
      data: { agreementVersion: 2, target: { value: 99.8 }, judgedValue: 99.6, serviceCreditPercent: 0 },
    });
  });
});
