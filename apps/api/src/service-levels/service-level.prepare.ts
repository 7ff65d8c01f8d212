import { notFound, ruleViolated } from '@lib/domain';
import { agreementDecider, agreementStreamId } from '@lib/domain/agreements/index.js';
import {
  periodTermsInForce,
  type ServiceLevelCommand,
  type ServiceLevelCommandOf,
} from '@lib/domain/service-levels/index.js';
import type { AggregateStore } from '../commands/aggregate-store.js';

/**
 * A period is judged against the agreement version in force when it starts:
 * opening it copies that version's targets, workload limits, service credits
 * and exceptions from the agreement stream into the period. An unknown
 * agreement is 404; one not in force at the start of the period is 422.
 */
export async function withPeriodTerms(
  command: ServiceLevelCommand,
  aggregates: AggregateStore,
): Promise<ServiceLevelCommand> {
  const { agreementId, start } = command as ServiceLevelCommandOf<'OpenServiceLevelPeriod'>;
  const { state } = await aggregates.load({ decider: agreementDecider }, agreementStreamId(agreementId));
  if (state.status === 'none') throw notFound('agreement.not-found', `Agreement ${agreementId} does not exist`);
  const terms = periodTermsInForce(state, start);
  if (terms === undefined) {
    throw ruleViolated(
      'service-level.agreement-not-in-force',
      `Agreement ${agreementId} has no agreed version in force at ${start}, when the period starts`,
    );
  }
  return { ...command, ...terms };
}
