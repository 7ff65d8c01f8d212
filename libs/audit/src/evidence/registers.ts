import type { RecordedEvent } from '@lib/event-store';

/**
 * The registers of the evidence pack, folded straight from the events (as revealed by the
 * personal-data layer) up to the end of the period: what stood then, with the positions of the
 * events that show it.
 */
type Dict = Record<string, unknown>;
const s = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const list = (value: unknown): Dict[] => (Array.isArray(value) ? (value as Dict[]) : []);
const dict = (value: unknown): Dict => (value && typeof value === 'object' ? (value as Dict) : {});

export interface Ref {
  readonly position: string;
  readonly at: string;
}
const refOf = (event: RecordedEvent): Ref => ({
  position: event.globalPosition.toString(),
  at: event.recordedAt.toISOString(),
});

export interface PartyEntry {
  partyId: string;
  name: string;
  roles: Map<string, { from: string; until?: string; ref: Ref }>;
  owners: Map<string, { personId: string; name: string; from: string; ref: Ref }>;
  arrangements: Map<
    string,
    { purpose: string; channel: string; frequency: string; participants: string; ended?: string; ref: Ref }
  >;
  communications: { heldOn: string; channel: string; summary: string; ref: Ref }[];
}

export interface AgreementEntry {
  agreementId: string;
  kind: string;
  title: string;
  provider: string;
  counterparty: string;
  status: string;
  version?: number;
  terms?: Dict;
  acceptances: { version: number; side: string; by: string; ref: Ref }[];
  agreed?: Ref & { version: number };
  activated?: Ref & { effectiveOn: string };
  reviews: { reviewedOn: string; outcome: string; findings: string; ref: Ref }[];
  amendments: Map<
    number,
    {
      version: number;
      proposed?: Ref & { rationale: string; effectiveOn: string };
      impact?: Ref & { impact: string; summary: string; risks: string[] };
      decisions: { side: string; accepted: boolean; ref: Ref }[];
      amended?: Ref;
    }
  >;
}

export interface Judgement {
  agreementId: string;
  periodId: string;
  targetId: string;
  comparator: string;
  target: number;
  unit: string;
  value: number | null;
  outcome: 'met' | 'breached' | 'not-measured';
  eventId: string;
  ref: Ref;
}

export interface WorkloadJudgement {
  agreementId: string;
  periodId: string;
  limitId: string;
  limit: number;
  unit: string;
  actual: number | null;
  outcome: 'within' | 'exceeded' | 'not-recorded';
  ref: Ref;
}

export interface ImprovementEntry {
  improvementId: string;
  title: string;
  causeKind: string;
  causeEventId?: string;
  causeStream?: string;
  agreementId?: string;
  owner?: string;
  actions: Map<string, { description: string; dueOn: string; completed?: string }>;
  status: 'open' | 'closed' | 'rejected';
  closure?: string;
  raised: Ref;
  ended?: Ref;
}

export interface ComplaintEntry {
  complaintId: string;
  customerId: string;
  serviceId: string;
  channel: string;
  complainant: string;
  receivedAt: string;
  status: string;
  escalations: { route: string; to: string; ref: Ref }[];
  resolution?: string;
  closedAt?: string;
  recorded: Ref;
}

export interface SurveyEntry {
  surveyId: string;
  title: string;
  period: string;
  frame: string;
  method: string;
  invited: number;
  responses: number;
  analysis?: Dict;
  reported?: Ref & { summary: string; recipients: string };
  closedAt?: string;
  planned: Ref;
}

export interface ReviewEntry {
  reviewId: string;
  subject: string;
  dueOn: string;
  status: string;
  heldOn?: string;
  attendees?: string;
  trends?: string;
  findings?: string[];
  decisions?: string[];
  workload?: string;
  actions: Map<string, { description: string; ownerId: string; dueOn: string; completed?: string }>;
  ref: Ref;
}

export interface SupplierEntry {
  supplierId: string;
  kind: string;
  scope: string;
  status: string;
  weightedScore?: number;
  interfaces: Map<string, { providerProcess: string; supplierProcess: string; description: string; retired?: boolean }>;
  risks: Map<
    string,
    { description: string; likelihood: number; impact: number; ownerId: string; treatment?: string; closed?: boolean }
  >;
  ref: Ref;
}

export interface AlignmentEntry {
  agreementId: string;
  supplierTargetId: string;
  supplierTarget: string;
  customerAgreementId: string;
  customerTargetId: string;
  customerTarget: string;
  outcome: string;
  risk: string;
  treatment: string;
  ref: Ref;
}

export interface DisputeEntry {
  disputeId: string;
  partyId: string;
  subject: string;
  claim: string;
  raisedAt: string;
  status: string;
  escalations: number;
  evidence: number;
  resolution?: string;
  closedAt?: string;
  raised: Ref;
}

export interface Registers {
  parties: Map<string, PartyEntry>;
  agreements: Map<string, AgreementEntry>;
  judgements: Judgement[];
  workload: WorkloadJudgement[];
  improvements: Map<string, ImprovementEntry>;
  complaints: Map<string, ComplaintEntry>;
  surveys: Map<string, SurveyEntry>;
  reviews: Map<string, ReviewEntry>;
  suppliers: Map<string, SupplierEntry>;
  alignments: AlignmentEntry[];
  disputes: Map<string, DisputeEntry>;
}

const targetText = (target: unknown) => {
  const t = dict(target);
  return `${s(t.metric)} ${s(t.comparator)} ${s(t.value)}${t.unit ? ` ${s(t.unit)}` : ''}`;
};

/**
 * Every event type the registers are folded from: the fold of only these events gives the same
 * registers, so the evidence pack reads nothing else from before its period. The fold's switch
 * only compiles with cases from this list.
 */
export const REGISTER_EVENT_TYPES = [
  'PartyRegistered',
  'PartyRoleAdded',
  'PartyRoleRemoved',
  'ResponsiblePersonDesignated',
  'CommunicationArrangementAdded',
  'CommunicationArrangementChanged',
  'CommunicationArrangementEnded',
  'CommunicationHeld',
  'AgreementDrafted',
  'TermsProposed',
  'TermsCounterProposed',
  'TermsAccepted',
  'AgreementAgreed',
  'AgreementActivated',
  'AgreementReviewed',
  'AmendmentProposed',
  'AmendmentImpactAssessed',
  'AmendmentAccepted',
  'AmendmentRejected',
  'AgreementAmended',
  'AgreementRenewed',
  'AgreementExpired',
  'AgreementTerminated',
  'TargetAlignmentAssessed',
  'ServiceLevelTargetMet',
  'ServiceLevelTargetBreached',
  'ServiceLevelTargetNotMeasured',
  'WorkloadWithinLimit',
  'WorkloadLimitExceeded',
  'WorkloadNotRecorded',
  'ImprovementOpportunityRaised',
  'ImprovementOwnerAssigned',
  'ImprovementActionAdded',
  'ImprovementActionCompleted',
  'ImprovementOpportunityClosed',
  'ImprovementOpportunityRejected',
  'ComplaintRecorded',
  'ComplaintEscalated',
  'ComplaintResolved',
  'ComplaintClosed',
  'ComplaintReopened',
  'SurveyPlanned',
  'SurveySampleDrawn',
  'SurveyResponseRecorded',
  'SurveyClosed',
  'SurveyAnalysed',
  'SurveyResultsReported',
  'ReviewScheduled',
  'ReviewRescheduled',
  'ReviewCancelled',
  'ReviewHeld',
  'ReviewActionAgreed',
  'ReviewActionCompleted',
  'SupplierSelectionStarted',
  'SupplierEvaluated',
  'SupplierSelected',
  'SupplierRejected',
  'SupplierInterfaceDefined',
  'SupplierInterfaceRetired',
  'SupplierRiskIdentified',
  'SupplierRiskTreated',
  'SupplierRiskClosed',
  'DisputeRaised',
  'DisputeEvidenceAttached',
  'DisputeEscalated',
  'DisputeResolved',
  'DisputeWithdrawn',
  'DisputeClosed',
] as const;
type RegisterEventType = (typeof REGISTER_EVENT_TYPES)[number];
const REGISTER_TYPES: ReadonlySet<string> = new Set(REGISTER_EVENT_TYPES);

/** Folds the events (in global order) into fresh registers. */
export function buildRegisters(events: readonly RecordedEvent[]): Registers {
  return foldRegisters(emptyRegisters(), events);
}

export function emptyRegisters(): Registers {
  return {
    parties: new Map(),
    agreements: new Map(),
    judgements: [],
    workload: [],
    improvements: new Map(),
    complaints: new Map(),
    surveys: new Map(),
    reviews: new Map(),
    suppliers: new Map(),
    alignments: [],
    disputes: new Map(),
  };
}

/** Folds more events (in global order, after those folded before) into the registers. */
export function foldRegisters(r: Registers, events: readonly RecordedEvent[]): Registers {
  const party = (id: string) => {
    let entry = r.parties.get(id);
    if (!entry) {
      entry = {
        partyId: id,
        name: id,
        roles: new Map(),
        owners: new Map(),
        arrangements: new Map(),
        communications: [],
      };
      r.parties.set(id, entry);
    }
    return entry;
  };
  for (const event of events) {
    if (!REGISTER_TYPES.has(event.type)) continue;
    const d = event.data;
    const ref = refOf(event);
    const agreement = r.agreements.get(s(d.agreementId));
    switch (event.type as RegisterEventType) {
      case 'PartyRegistered':
        party(s(d.partyId)).name = s(d.name);
        break;
      case 'PartyRoleAdded':
        party(s(d.partyId)).roles.set(s(d.role), { from: s(d.from), ref });
        break;
      case 'PartyRoleRemoved': {
        const role = party(s(d.partyId)).roles.get(s(d.role));
        if (role) role.until = s(d.until);
        break;
      }
      case 'ResponsiblePersonDesignated': {
        const person = dict(d.responsible);
        party(s(d.partyId)).owners.set(s(d.responsibility), {
          personId: s(person.personId),
          name: s(person.name),
          from: s(d.from),
          ref,
        });
        break;
      }
      case 'CommunicationArrangementAdded':
      case 'CommunicationArrangementChanged': {
        const entry = party(s(d.partyId));
        const previous = entry.arrangements.get(s(d.arrangementId));
        entry.arrangements.set(s(d.arrangementId), {
          purpose: s(d.purpose) || previous?.purpose || '',
          channel: s(d.channel),
          frequency: s(d.frequency),
          participants: list(d.participants)
            .map((p) => `${s(p.name)} (${s(p.side)})`)
            .join(', '),
          ref,
        });
        break;
      }
      case 'CommunicationArrangementEnded': {
        const arrangement = party(s(d.partyId)).arrangements.get(s(d.arrangementId));
        if (arrangement) arrangement.ended = ref.at.slice(0, 10);
        break;
      }
      case 'CommunicationHeld':
        party(s(d.partyId)).communications.push({
          heldOn: s(d.heldOn),
          channel: s(d.channel),
          summary: s(d.summary),
          ref,
        });
        break;
      case 'AgreementDrafted':
        r.agreements.set(s(d.agreementId), {
          agreementId: s(d.agreementId),
          kind: s(d.kind),
          title: s(d.title),
          provider: s(d.providerPartyId),
          counterparty: s(d.counterpartyPartyId),
          status: 'draft',
          acceptances: [],
          reviews: [],
          amendments: new Map(),
        });
        break;
      case 'TermsProposed':
      case 'TermsCounterProposed':
        if (agreement) agreement.status = 'negotiating';
        break;
      case 'TermsAccepted':
        agreement?.acceptances.push({ version: Number(d.version), side: s(d.side), by: s(d.by), ref });
        break;
      case 'AgreementAgreed':
        if (agreement) {
          agreement.status = 'agreed';
          agreement.version = Number(d.version);
          agreement.terms = dict(d.terms);
          agreement.agreed = { ...ref, version: Number(d.version) };
        }
        break;
      case 'AgreementActivated':
        if (agreement) {
          agreement.status = 'active';
          agreement.activated = { ...ref, effectiveOn: s(d.effectiveOn) };
        }
        break;
      case 'AgreementReviewed':
        agreement?.reviews.push({ reviewedOn: s(d.reviewedOn), outcome: s(d.outcome), findings: s(d.findings), ref });
        break;
      case 'AmendmentProposed':
      case 'AmendmentImpactAssessed':
      case 'AmendmentAccepted':
      case 'AmendmentRejected':
      case 'AgreementAmended': {
        if (!agreement) break;
        const version = Number(d.version);
        let amendment = agreement.amendments.get(version);
        if (!amendment) {
          amendment = { version, decisions: [] };
          agreement.amendments.set(version, amendment);
        }
        if (event.type === 'AmendmentProposed') {
          amendment.proposed = { ...ref, rationale: s(d.rationale), effectiveOn: s(d.effectiveOn) };
        } else if (event.type === 'AmendmentImpactAssessed') {
          amendment.impact = {
            ...ref,
            impact: s(d.impact),
            summary: s(d.summary),
            risks: list(d.risks).map((risk) => s(risk)),
          };
        } else if (event.type === 'AgreementAmended') {
          amendment.amended = ref;
          agreement.version = version;
          agreement.terms = dict(d.terms);
        } else {
          amendment.decisions.push({ side: s(d.side), accepted: event.type === 'AmendmentAccepted', ref });
        }
        break;
      }
      case 'AgreementRenewed':
        break;
      case 'AgreementExpired':
        if (agreement) agreement.status = 'expired';
        break;
      case 'AgreementTerminated':
        if (agreement) agreement.status = 'terminated';
        break;
      case 'TargetAlignmentAssessed':
        r.alignments.push({
          agreementId: s(d.agreementId),
          supplierTargetId: s(d.supplierTargetId),
          supplierTarget: targetText(d.supplierTarget),
          customerAgreementId: s(d.customerAgreementId),
          customerTargetId: s(d.customerTargetId),
          customerTarget: targetText(d.customerTarget),
          outcome: s(d.outcome),
          risk: s(d.risk),
          treatment: s(d.riskTreatment),
          ref,
        });
        break;
      case 'ServiceLevelTargetMet':
      case 'ServiceLevelTargetBreached':
      case 'ServiceLevelTargetNotMeasured': {
        const target = dict(d.target);
        r.judgements.push({
          agreementId: s(d.agreementId),
          periodId: s(d.periodId),
          targetId: s(d.targetId),
          comparator: s(target.comparator),
          target: Number(target.value),
          unit: s(target.unit),
          value: typeof d.judgedValue === 'number' ? d.judgedValue : null,
          outcome:
            event.type === 'ServiceLevelTargetMet'
              ? 'met'
              : event.type === 'ServiceLevelTargetBreached'
                ? 'breached'
                : 'not-measured',
          eventId: event.eventId,
          ref,
        });
        break;
      }
      case 'WorkloadWithinLimit':
      case 'WorkloadLimitExceeded':
      case 'WorkloadNotRecorded':
        r.workload.push({
          agreementId: s(d.agreementId),
          periodId: s(d.periodId),
          limitId: s(d.limitId),
          limit: Number(d.limit),
          unit: s(d.unit),
          actual: typeof d.actual === 'number' ? d.actual : null,
          outcome:
            event.type === 'WorkloadWithinLimit'
              ? 'within'
              : event.type === 'WorkloadLimitExceeded'
                ? 'exceeded'
                : 'not-recorded',
          ref,
        });
        break;
      case 'ImprovementOpportunityRaised': {
        const cause = dict(d.cause);
        r.improvements.set(s(d.improvementId), {
          improvementId: s(d.improvementId),
          title: s(d.title),
          causeKind: s(cause.kind) || 'manual',
          causeEventId: cause.eventId ? s(cause.eventId) : undefined,
          causeStream: cause.streamId ? s(cause.streamId) : undefined,
          agreementId: d.agreementId ? s(d.agreementId) : undefined,
          actions: new Map(),
          status: 'open',
          raised: ref,
        });
        break;
      }
      case 'ImprovementOwnerAssigned': {
        const improvement = r.improvements.get(s(d.improvementId));
        if (improvement) improvement.owner = s(d.ownerId);
        break;
      }
      case 'ImprovementActionAdded':
        r.improvements
          .get(s(d.improvementId))
          ?.actions.set(s(d.actionId), { description: s(d.description), dueOn: s(d.dueOn) });
        break;
      case 'ImprovementActionCompleted': {
        const action = r.improvements.get(s(d.improvementId))?.actions.get(s(d.actionId));
        if (action) action.completed = ref.at.slice(0, 10);
        break;
      }
      case 'ImprovementOpportunityClosed':
      case 'ImprovementOpportunityRejected': {
        const improvement = r.improvements.get(s(d.improvementId));
        if (improvement) {
          improvement.status = event.type === 'ImprovementOpportunityClosed' ? 'closed' : 'rejected';
          improvement.closure =
            event.type === 'ImprovementOpportunityClosed'
              ? `${s(d.summary)}${
                  list(d.evidence).length
                    ? ` (evidence: ${list(d.evidence)
                        .map((e) => s(e.reference) || s(e.description))
                        .join('; ')})`
                    : ''
                }`
              : s(d.reason);
          improvement.ended = ref;
        }
        break;
      }
      case 'ComplaintRecorded': {
        const complainant = dict(d.complainant);
        r.complaints.set(s(d.complaintId), {
          complaintId: s(d.complaintId),
          customerId: s(d.customerId),
          serviceId: s(d.serviceId),
          channel: s(d.channel),
          complainant: s(complainant.name) || s(complainant.personId),
          receivedAt: s(d.receivedAt),
          status: 'open',
          escalations: [],
          recorded: ref,
        });
        break;
      }
      case 'ComplaintEscalated':
        r.complaints.get(s(d.complaintId))?.escalations.push({ route: s(d.route), to: s(d.escalatedTo), ref });
        break;
      case 'ComplaintResolved': {
        const complaint = r.complaints.get(s(d.complaintId));
        if (complaint) {
          complaint.status = 'resolved';
          complaint.resolution = s(d.resolution);
        }
        break;
      }
      case 'ComplaintClosed': {
        const complaint = r.complaints.get(s(d.complaintId));
        if (complaint) {
          complaint.status = 'closed';
          complaint.closedAt = ref.at;
        }
        break;
      }
      case 'ComplaintReopened': {
        const complaint = r.complaints.get(s(d.complaintId));
        if (complaint) {
          complaint.status = 'open';
          complaint.closedAt = undefined;
        }
        break;
      }
      case 'SurveyPlanned': {
        const frame = dict(d.sampleFrame);
        const method = dict(d.samplingMethod);
        const period = dict(d.period);
        r.surveys.set(s(d.surveyId), {
          surveyId: s(d.surveyId),
          title: s(d.title),
          period: `${s(period.from)} to ${s(period.to)}`,
          frame: `${list(frame.customerIds).length} customers, ${list(frame.serviceIds).length} services, population ${s(frame.populationSize)}`,
          method:
            s(method.kind) +
            (method.sampleSize ? ` (n=${s(method.sampleSize)})` : '') +
            (Array.isArray(method.strata)
              ? ` (${list(method.strata)
                  .map((st) => `${s(st.stratum)}: ${s(st.sampleSize)}/${s(st.populationSize)}`)
                  .join(', ')})`
              : ''),
          invited: 0,
          responses: 0,
          planned: ref,
        });
        break;
      }
      case 'SurveySampleDrawn': {
        const survey = r.surveys.get(s(d.surveyId));
        if (survey) survey.invited += list(d.invitations).length;
        break;
      }
      case 'SurveyResponseRecorded': {
        const survey = r.surveys.get(s(d.surveyId));
        if (survey) survey.responses++;
        break;
      }
      case 'SurveyClosed': {
        const survey = r.surveys.get(s(d.surveyId));
        if (survey) survey.closedAt = ref.at;
        break;
      }
      case 'SurveyAnalysed': {
        const survey = r.surveys.get(s(d.surveyId));
        if (survey) survey.analysis = dict(d.analysis);
        break;
      }
      case 'SurveyResultsReported': {
        const survey = r.surveys.get(s(d.surveyId));
        if (survey) {
          survey.reported = {
            ...ref,
            summary: s(d.summary),
            recipients: list(d.recipients)
              .map((p) => s(p.name))
              .join(', '),
          };
        }
        break;
      }
      case 'ReviewScheduled': {
        const subject = dict(d.subject);
        r.reviews.set(s(d.reviewId), {
          reviewId: s(d.reviewId),
          subject: `${s(subject.kind)} ${s(subject.id)}`,
          dueOn: s(d.dueOn),
          status: 'scheduled',
          actions: new Map(),
          ref,
        });
        break;
      }
      case 'ReviewRescheduled': {
        const review = r.reviews.get(s(d.reviewId));
        if (review) review.dueOn = s(d.dueOn);
        break;
      }
      case 'ReviewCancelled': {
        const review = r.reviews.get(s(d.reviewId));
        if (review) review.status = 'cancelled';
        break;
      }
      case 'ReviewHeld': {
        const review = r.reviews.get(s(d.reviewId));
        if (review) {
          review.status = 'held';
          review.heldOn = s(d.heldOn);
          review.attendees = list(d.attendees)
            .map((a) => s(a.name))
            .join(', ');
          review.trends = list(d.performanceTrends)
            .map((t) => `${s(t.indicator)}: ${s(t.trend)}`)
            .join('; ');
          review.findings = list(d.findings).map((f) => s(f));
          review.decisions = list(d.decisions).map((f) => s(f));
          review.workload = s(d.workload);
        }
        break;
      }
      case 'ReviewActionAgreed':
        r.reviews
          .get(s(d.reviewId))
          ?.actions.set(s(d.actionId), { description: s(d.description), ownerId: s(d.ownerId), dueOn: s(d.dueOn) });
        break;
      case 'ReviewActionCompleted': {
        const action = r.reviews.get(s(d.reviewId))?.actions.get(s(d.actionId));
        if (action) action.completed = ref.at.slice(0, 10);
        break;
      }
      case 'SupplierSelectionStarted':
        r.suppliers.set(s(d.supplierId), {
          supplierId: s(d.supplierId),
          kind: s(d.supplierKind),
          scope: s(d.scope),
          status: 'selecting',
          interfaces: new Map(),
          risks: new Map(),
          ref,
        });
        break;
      case 'SupplierEvaluated': {
        const supplier = r.suppliers.get(s(d.supplierId));
        if (supplier) supplier.weightedScore = Number(d.weightedScore);
        break;
      }
      case 'SupplierSelected':
      case 'SupplierRejected': {
        const supplier = r.suppliers.get(s(d.supplierId));
        if (supplier) supplier.status = event.type === 'SupplierSelected' ? 'selected' : 'rejected';
        break;
      }
      case 'SupplierInterfaceDefined':
        r.suppliers.get(s(d.supplierId))?.interfaces.set(s(d.interfaceId), {
          providerProcess: s(d.providerProcess),
          supplierProcess: s(d.supplierProcess),
          description: s(d.description),
        });
        break;
      case 'SupplierInterfaceRetired': {
        const item = r.suppliers.get(s(d.supplierId))?.interfaces.get(s(d.interfaceId));
        if (item) item.retired = true;
        break;
      }
      case 'SupplierRiskIdentified':
        r.suppliers.get(s(d.supplierId))?.risks.set(s(d.riskId), {
          description: s(d.description),
          likelihood: Number(d.likelihood),
          impact: Number(d.impact),
          ownerId: s(d.ownerId),
        });
        break;
      case 'SupplierRiskTreated': {
        const risk = r.suppliers.get(s(d.supplierId))?.risks.get(s(d.riskId));
        if (risk) risk.treatment = s(d.treatment);
        break;
      }
      case 'SupplierRiskClosed': {
        const risk = r.suppliers.get(s(d.supplierId))?.risks.get(s(d.riskId));
        if (risk) risk.closed = true;
        break;
      }
      case 'DisputeRaised': {
        const subject = dict(d.subject);
        r.disputes.set(s(d.disputeId), {
          disputeId: s(d.disputeId),
          partyId: s(d.partyId),
          subject: `${s(subject.kind)} ${s(subject.agreementId)}`,
          claim: s(d.claim),
          raisedAt: ref.at,
          status: 'open',
          escalations: 0,
          evidence: 0,
          raised: ref,
        });
        break;
      }
      case 'DisputeEvidenceAttached': {
        const dispute = r.disputes.get(s(d.disputeId));
        if (dispute) dispute.evidence++;
        break;
      }
      case 'DisputeEscalated': {
        const dispute = r.disputes.get(s(d.disputeId));
        if (dispute) dispute.escalations++;
        break;
      }
      case 'DisputeResolved':
      case 'DisputeWithdrawn': {
        const dispute = r.disputes.get(s(d.disputeId));
        if (dispute) {
          dispute.status = event.type === 'DisputeResolved' ? 'resolved' : 'withdrawn';
          dispute.resolution = s(d.resolution) || s(d.reason);
        }
        break;
      }
      case 'DisputeClosed': {
        const dispute = r.disputes.get(s(d.disputeId));
        if (dispute) {
          dispute.status = 'closed';
          dispute.closedAt = ref.at;
        }
        break;
      }
    }
  }
  return r;
}
