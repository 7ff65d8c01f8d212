import { notFound, ruleViolated } from '@lib/domain';
import {
  agreementDecider,
  agreementStreamId,
  currentAgreedVersion,
  termsInForceOn,
  type AgreementCommand,
  type AgreementCommandOf,
  type ExistingAgreement,
} from '@lib/domain/agreements/index.js';
import type { AggregateStore } from '../commands/aggregate-store.js';

/**
 * What agreement commands read from other streams before they are decided.
 * Each hook completes the command, or refuses it: 404 when the other record
 * does not exist, 422 when it exists but does not allow the command.
 */

async function existingAgreement(
  aggregates: AggregateStore,
  agreementId: string,
): Promise<ExistingAgreement | undefined> {
  const { state } = await aggregates.load({ decider: agreementDecider }, agreementStreamId(agreementId));
  return state.status === 'none' ? undefined : state;
}

const VERSION = /^[1-9]\d{0,8}$/;

/**
 * Amendment routes name the amendment in the path by the version it would
 * become (`/amendments/3/acceptances`); the decider takes it as `version`.
 * A version that is not an amendment of this agreement is an unknown record.
 */
export async function withAmendmentVersion(
  command: AgreementCommand,
  aggregates: AggregateStore,
): Promise<AgreementCommand> {
  const { amendmentVersion, ...rest } = command as AgreementCommand & { amendmentVersion?: string };
  const unknown = () =>
    notFound(
      'agreement.amendment-not-found',
      `Agreement ${command.agreementId} has no amendment version ${amendmentVersion}`,
    );
  if (amendmentVersion === undefined || !VERSION.test(amendmentVersion)) throw unknown();
  const version = Number(amendmentVersion);
  const agreement = await existingAgreement(aggregates, command.agreementId);
  // An unknown agreement is answered by the decider (agreement.not-found).
  if (agreement !== undefined && agreement.versions[version]?.origin !== 'amendment') throw unknown();
  return { ...rest, version } as AgreementCommand;
}

/** An SLA answers the requirements recorded in an SLR agreement: it must exist and be one. */
export async function withRequirementsAgreement(
  command: AgreementCommand,
  aggregates: AggregateStore,
): Promise<AgreementCommand> {
  const { slrAgreementId } = command as AgreementCommandOf<'LinkServiceLevelRequirements'>;
  const slr = await existingAgreement(aggregates, slrAgreementId);
  if (slr === undefined) {
    throw notFound('agreement.requirements-not-found', `Service level requirements ${slrAgreementId} do not exist`);
  }
  if (slr.kind !== 'SLR') {
    throw ruleViolated(
      'agreement.requirements-not-an-slr',
      `Agreement ${slrAgreementId} is a ${slr.kind}, not service level requirements (SLR)`,
    );
  }
  return command;
}

/**
 * Linking or reassessing a supplier target needs the customer SLA target it
 * supports: the one of the version in force when the command is decided, or,
 * for an SLA agreed but not yet active, of the agreed version. The decider
 * compares it with the supplier target (clauses 8.3.4.1, 8.3.4.2).
 */
export async function withCustomerTarget(
  command: AgreementCommand,
  aggregates: AggregateStore,
): Promise<AgreementCommand> {
  const { customerAgreementId, customerTargetId } = command as
    AgreementCommandOf<'LinkSupplierTarget'> | AgreementCommandOf<'AssessTargetAlignment'>;
  const customer = await existingAgreement(aggregates, customerAgreementId);
  if (customer === undefined) {
    throw notFound(
      'agreement.customer-agreement-not-found',
      `Customer agreement ${customerAgreementId} does not exist`,
    );
  }
  if (customer.kind !== 'SLA') {
    throw ruleViolated(
      'agreement.customer-agreement-not-an-sla',
      `Agreement ${customerAgreementId} is a ${customer.kind}; supplier targets underpin the targets of a customer SLA`,
    );
  }
  // Before the SLA's first day (agreed, or activated for a later date) its agreed version is the one to underpin.
  const notYetInForce = customer.status === 'agreed' || customer.status === 'active';
  const terms = termsInForceOn(customer, command.at) ?? (notYetInForce ? currentAgreedVersion(customer) : undefined);
  if (terms === undefined) {
    throw ruleViolated(
      'agreement.customer-agreement-not-in-force',
      `Customer SLA ${customerAgreementId} has no agreed version in force`,
    );
  }
  const target = terms.terms.targets.find((candidate) => candidate.targetId === customerTargetId);
  if (target === undefined) {
    throw ruleViolated(
      'agreement.customer-target-unknown',
      `Version ${terms.version} of customer SLA ${customerAgreementId} has no target ${customerTargetId}`,
    );
  }
  const { metric, comparator, value, unit } = target;
  return {
    ...command,
    customerVersion: terms.version,
    customerTarget: { metric, comparator, value, unit },
  } as AgreementCommand;
}
