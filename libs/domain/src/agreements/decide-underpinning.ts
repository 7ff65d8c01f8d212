import { ensure } from '../shared/index.js';
import { assessTargetAlignment } from './alignment.js';
import type { AgreementCommandOf } from './commands.js';
import type { AgreementEvent } from './events.js';
import { currentAgreedVersion, type ExistingAgreement } from './state.js';

export function linkServiceLevelRequirements(
  command: AgreementCommandOf<'LinkServiceLevelRequirements'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensure(state.kind === 'SLA', 'agreement.not-an-sla', `Only an SLA answers service level requirements`);
  ensure(
    command.slrAgreementId !== state.agreementId,
    'agreement.requirements-self-link',
    'An SLA cannot answer its own requirements',
  );
  ensure(
    !state.slrAgreementIds.includes(command.slrAgreementId),
    'agreement.requirements-already-linked',
    `Agreement ${state.agreementId} is already linked to ${command.slrAgreementId}`,
  );
  const { agreementId, slrAgreementId, at, by } = command;
  return [{ type: 'ServiceLevelRequirementsLinked', data: { agreementId, slrAgreementId, at, by } }];
}

type AlignmentCommand = AgreementCommandOf<'LinkSupplierTarget'> | AgreementCommandOf<'AssessTargetAlignment'>;

/** The customer target comes in the command (the handler reads the customer SLA), keeping this decision pure. */
function alignmentAssessed(command: AlignmentCommand, state: ExistingAgreement): AgreementEvent {
  const agreed = currentAgreedVersion(state);
  ensure(agreed !== undefined, 'agreement.not-agreed', `Agreement ${state.agreementId} is not agreed yet`);
  const supplier = agreed.terms.targets.find((target) => target.targetId === command.supplierTargetId);
  ensure(
    supplier !== undefined,
    'agreement.target-unknown',
    `Version ${agreed.version} of ${state.agreementId} has no target ${command.supplierTargetId}`,
  );
  const supplierTarget = {
    metric: supplier.metric,
    comparator: supplier.comparator,
    value: supplier.value,
    unit: supplier.unit,
  };
  const assessment = assessTargetAlignment(supplierTarget, command.customerTarget);
  const { agreementId, customerAgreementId, customerVersion, customerTargetId, customerTarget, at, by } = command;
  return {
    type: 'TargetAlignmentAssessed',
    data: {
      agreementId,
      supplierVersion: agreed.version,
      supplierTargetId: supplier.targetId,
      supplierTarget,
      customerAgreementId,
      customerVersion,
      customerTargetId,
      customerTarget,
      outcome: assessment.outcome,
      explanation: assessment.explanation,
      risk: assessment.risk,
      riskTreatment: command.riskTreatment,
      at,
      by,
    },
  };
}

const isLinked = (state: ExistingAgreement, command: AlignmentCommand) =>
  state.underpinning.some(
    (link) =>
      link.supplierTargetId === command.supplierTargetId &&
      link.customerAgreementId === command.customerAgreementId &&
      link.customerTargetId === command.customerTargetId,
  );

export function linkSupplierTarget(
  command: AgreementCommandOf<'LinkSupplierTarget'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensure(
    state.kind === 'OLA' || state.kind === 'UNDERPINNING_CONTRACT',
    'agreement.not-a-supplier-agreement',
    `Only an OLA or an underpinning contract underpins a customer SLA, not a ${state.kind}`,
  );
  ensure(
    !isLinked(state, command),
    'agreement.target-already-linked',
    `Target ${command.supplierTargetId} already supports ${command.customerAgreementId}/${command.customerTargetId}; reassess it instead`,
  );
  const assessed = alignmentAssessed(command, state);
  const { agreementId, supplierTargetId, customerAgreementId, customerTargetId, at, by } = command;
  return [
    {
      type: 'SupplierTargetLinked',
      data: { agreementId, supplierTargetId, customerAgreementId, customerTargetId, at, by },
    },
    assessed,
  ];
}

export function assessLinkedTargetAlignment(
  command: AgreementCommandOf<'AssessTargetAlignment'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensure(
    isLinked(state, command),
    'agreement.target-not-linked',
    `Target ${command.supplierTargetId} is not linked to ${command.customerAgreementId}/${command.customerTargetId}`,
  );
  return [alignmentAssessed(command, state)];
}
