import type { IsoClause } from '@lib/domain';

/**
 * Which records evidence each requirement of ISO/IEC 20000-1:2018 clauses 8.3.2 to 8.3.4.2: the
 * one table the evidence pack is built from. A requirement is evidenced by the events matching any
 * of its sources; one with none in the period is a GAP.
 */
export interface EvidenceSource {
  /** Event types that evidence the requirement. */
  readonly types: readonly string[];
  /** Only events whose metadata carries this clause (e.g. agreement events of a contract carry 8.3.4.1). */
  readonly clause?: IsoClause;
  /** Only events whose data has, at this dotted path, one of these values. */
  readonly where?: { readonly path: string; readonly in: readonly string[] };
  /**
   * `period`: recorded within the period (activity expected every period: measurements, reviews,
   * complaints). `standing`: recorded up to the end of the period (a register entry made earlier
   * still stands: a designated owner, an agreed SLA).
   */
  readonly scope: 'period' | 'standing';
}

/** The section of the evidence pack that shows the records of a requirement. */
export type Register =
  | 'stakeholders'
  | 'communication'
  | 'surveys'
  | 'complaints'
  | 'reviews'
  | 'slas'
  | 'performance'
  | 'improvements'
  | 'suppliers'
  | 'contracts'
  | 'alignment'
  | 'changes'
  | 'disputes';

export interface Requirement {
  /** Stable id, e.g. `8.3.3-targets`. */
  readonly id: string;
  readonly clause: IsoClause;
  /** What the standard asks, in short. */
  readonly requirement: string;
  /** The records expected as evidence. */
  readonly evidence: string;
  readonly sources: readonly EvidenceSource[];
  readonly register: Register;
  /** Shown with a gap when these events did not occur in the period either (the gap may be expected). */
  readonly onlyIf?: { readonly source: EvidenceSource; readonly otherwise: string };
}

const SERVICE_LEVEL_MONITORING = [
  'ServiceLevelPeriodOpened',
  'MeasurementRecorded',
  'MeasurementCorrected',
  'ExceptionClaimed',
  'ExceptionApproved',
  'ExceptionRejected',
  'ServiceLevelTargetMet',
  'ServiceLevelTargetBreached',
  'ServiceLevelTargetNotMeasured',
  'ServiceLevelPeriodClosed',
];
const WORKLOAD = ['WorkloadRecorded', 'WorkloadWithinLimit', 'WorkloadLimitExceeded', 'WorkloadNotRecorded'];
const REVIEW_ACTIVITY = ['ReviewHeld', 'ReviewActionAgreed', 'ReviewActionCompleted'];
const REVIEW_PLAN = ['ReviewScheduled', 'ReviewRescheduled', 'NextReviewScheduled'];
const AGREED = ['AgreementAgreed', 'AgreementAmended', 'AgreementActivated'];
const CONTRACT_CHANGE = [
  'AmendmentProposed',
  'AmendmentImpactAssessed',
  'AmendmentAccepted',
  'AmendmentRejected',
  'AgreementAmended',
];

export const REQUIREMENTS: readonly Requirement[] = [
  // 8.3.2 Business relationship management
  {
    id: '8.3.2-parties',
    clause: '8.3.2',
    requirement: 'Customers, users and other interested parties of the services are identified',
    evidence: 'Stakeholder register: parties with the role of customer, user or interested party',
    sources: [
      {
        types: ['PartyRoleAdded'],
        where: { path: 'role', in: ['customer', 'user', 'interested-party'] },
        scope: 'standing',
      },
    ],
    register: 'stakeholders',
  },
  {
    id: '8.3.2-owners',
    clause: '8.3.2',
    requirement: 'A designated person is responsible for managing each customer relationship and satisfaction',
    evidence: 'Designations of the person responsible for each customer relationship',
    sources: [
      {
        types: ['ResponsiblePersonDesignated'],
        where: { path: 'responsibility', in: ['customer-relationship', 'performance'] },
        scope: 'standing',
      },
    ],
    register: 'stakeholders',
  },
  {
    id: '8.3.2-communication',
    clause: '8.3.2',
    requirement: 'Arrangements for communication with customers and interested parties are established',
    evidence: 'Communication arrangements (channel, frequency, participants) and communications held',
    sources: [
      { types: ['CommunicationArrangementAdded', 'CommunicationArrangementChanged'], scope: 'standing' },
      { types: ['CommunicationHeld', 'CommunicationArrangementEnded'], scope: 'period' },
    ],
    register: 'communication',
  },
  {
    id: '8.3.2-reviews',
    clause: '8.3.2',
    requirement: 'Performance trends and outcomes of the services are reviewed at planned intervals',
    evidence: 'Customer relationship reviews: schedule, minutes (trends, findings, decisions) and actions',
    sources: [
      { types: REVIEW_ACTIVITY, where: { path: 'subject.kind', in: ['customer-relationship'] }, scope: 'period' },
      { types: REVIEW_PLAN, where: { path: 'subject.kind', in: ['customer-relationship'] }, scope: 'standing' },
    ],
    register: 'reviews',
  },
  {
    id: '8.3.2-satisfaction-sample',
    clause: '8.3.2',
    requirement: 'Customer satisfaction is measured on a representative sample',
    evidence: 'Surveys with their sample frame, sampling method, sample drawn and responses',
    sources: [{ types: ['SurveyPlanned', 'SurveySampleDrawn', 'SurveyResponseRecorded'], scope: 'period' }],
    register: 'surveys',
  },
  {
    id: '8.3.2-satisfaction-results',
    clause: '8.3.2',
    requirement: 'Satisfaction results are analysed, reported and acted upon',
    evidence: 'Survey analyses (response rate, means, trend), reports to their recipients, improvements raised',
    sources: [
      {
        types: ['SurveyClosed', 'SurveyAnalysed', 'SurveyResultsReported', 'SurveyImprovementRaised'],
        scope: 'period',
      },
    ],
    register: 'surveys',
  },
  {
    id: '8.3.2-complaints',
    clause: '8.3.2',
    requirement: 'Service complaints are recorded, investigated, acted upon, reported and managed to closure',
    evidence: 'Complaint register: received, assigned, investigated, actions, resolution and closure',
    sources: [
      {
        types: [
          'ComplaintRecorded',
          'ComplaintAssigned',
          'ComplaintInvestigated',
          'ComplaintActionTaken',
          'ComplaintResolved',
          'ComplaintClosed',
          'ComplaintReopened',
          'ComplaintImprovementRaised',
        ],
        scope: 'period',
      },
    ],
    register: 'complaints',
  },
  {
    id: '8.3.2-escalation',
    clause: '8.3.2',
    requirement: 'A complaint not resolved through the normal channel can be escalated',
    evidence: 'Complaint escalations outside the normal channel',
    sources: [{ types: ['ComplaintEscalated'], scope: 'period' }],
    register: 'complaints',
    onlyIf: {
      source: { types: ['ComplaintRecorded'], scope: 'period' },
      otherwise: 'no complaint was recorded in the period; the escalation routes agreed are in the SLA register',
    },
  },
  // 8.3.3 Service level management
  {
    id: '8.3.3-slas',
    clause: '8.3.3',
    requirement: 'The services are agreed with the customer in at least one SLA per service',
    evidence: 'SLA register with proof of agreement: acceptance by both sides and activation',
    sources: [
      { types: ['AgreementDrafted'], where: { path: 'kind', in: ['SLA'] }, scope: 'standing' },
      { types: ['TermsAccepted', 'AgreementAgreed', 'AgreementActivated'], clause: '8.3.3', scope: 'standing' },
    ],
    register: 'slas',
  },
  {
    id: '8.3.3-targets',
    clause: '8.3.3',
    requirement: 'Each SLA includes service level targets, workload limits and exceptions',
    evidence: 'Agreed SLA terms: targets, workload limits, exceptions (maintenance windows, excluded causes)',
    sources: [{ types: ['AgreementAgreed', 'AgreementAmended'], clause: '8.3.3', scope: 'standing' }],
    register: 'slas',
  },
  {
    id: '8.3.3-monitoring',
    clause: '8.3.3',
    requirement: 'Performance against service level targets is monitored, reviewed and reported at planned intervals',
    evidence: 'Service level periods: measurements, corrections, exceptions, and the judgement per target',
    sources: [{ types: SERVICE_LEVEL_MONITORING, clause: '8.3.3', scope: 'period' }],
    register: 'performance',
  },
  {
    id: '8.3.3-workload',
    clause: '8.3.3',
    requirement: 'Actual workload is monitored and reported against the workload limits',
    evidence: 'Workload recorded per period and judged against each limit',
    sources: [{ types: WORKLOAD, clause: '8.3.3', scope: 'period' }],
    register: 'performance',
  },
  {
    id: '8.3.3-review',
    clause: '8.3.3',
    requirement: 'Service levels and SLAs are reviewed at planned intervals',
    evidence: 'Agreement reviews and review meetings on agreements, with actions',
    sources: [
      { types: ['AgreementReviewed'], clause: '8.3.3', scope: 'period' },
      { types: REVIEW_ACTIVITY, where: { path: 'subject.kind', in: ['agreement'] }, scope: 'period' },
    ],
    register: 'reviews',
  },
  {
    id: '8.3.3-improvement',
    clause: '8.3.3',
    requirement: 'Where a service level target is not met, opportunities for improvement are identified',
    evidence: 'Improvement opportunities raised from breaches and exceeded workload limits, their actions and closure',
    sources: [
      {
        types: ['ImprovementOpportunityRaised'],
        where: { path: 'cause.kind', in: ['target-breached', 'workload-limit-exceeded'] },
        scope: 'period',
      },
      {
        types: [
          'ImprovementOwnerAssigned',
          'ImprovementActionAdded',
          'ImprovementActionCompleted',
          'ImprovementOpportunityClosed',
        ],
        clause: '8.3.3',
        scope: 'period',
      },
    ],
    register: 'improvements',
    onlyIf: {
      source: { types: ['ServiceLevelTargetBreached', 'WorkloadLimitExceeded'], scope: 'period' },
      otherwise: 'no target was missed and no workload limit exceeded in the period',
    },
  },
  // 8.3.4.1 External suppliers
  {
    id: '8.3.4.1-register',
    clause: '8.3.4.1',
    requirement: 'External suppliers are identified, selected against criteria, each with a designated owner',
    evidence: 'Supplier register: supplier roles, selection and evaluation, designated owners',
    sources: [
      { types: ['PartyRoleAdded'], where: { path: 'role', in: ['external-supplier'] }, scope: 'standing' },
      {
        types: ['ResponsiblePersonDesignated'],
        where: { path: 'responsibility', in: ['supplier-relationship', 'contracts'] },
        scope: 'standing',
      },
      {
        types: ['SupplierSelectionStarted', 'SupplierEvaluated', 'SupplierSelected'],
        clause: '8.3.4.1',
        scope: 'standing',
      },
    ],
    register: 'suppliers',
  },
  {
    id: '8.3.4.1-contract',
    clause: '8.3.4.1',
    requirement:
      'A documented contract with each external supplier covers scope, requirements, service level targets or other obligations, and the authorities and responsibilities of both parties',
    evidence: 'Underpinning contracts as agreed, with the four elements of 8.3.4.1 a) to d) checked',
    sources: [{ types: AGREED, clause: '8.3.4.1', scope: 'standing' }],
    register: 'contracts',
  },
  {
    id: '8.3.4.1-alignment',
    clause: '8.3.4.1',
    requirement: 'Supplier targets are assessed for alignment with the SLAs, and the risks managed',
    evidence: 'Alignment assessments of supplier targets against customer targets; supplier risks and treatments',
    sources: [
      { types: ['SupplierTargetLinked', 'TargetAlignmentAssessed'], clause: '8.3.4.1', scope: 'standing' },
      {
        types: ['SupplierRiskIdentified', 'SupplierRiskTreated', 'SupplierRiskClosed'],
        clause: '8.3.4.1',
        scope: 'standing',
      },
    ],
    register: 'alignment',
  },
  {
    id: '8.3.4.1-interfaces',
    clause: '8.3.4.1',
    requirement: 'Interfaces between the processes of the service provider and of the supplier are defined',
    evidence: 'Supplier interfaces: provider process, supplier process, what passes between them',
    sources: [
      { types: ['SupplierInterfaceDefined', 'SupplierInterfaceRetired'], clause: '8.3.4.1', scope: 'standing' },
    ],
    register: 'suppliers',
  },
  {
    id: '8.3.4.1-monitoring',
    clause: '8.3.4.1',
    requirement: 'Supplier performance is monitored at planned intervals',
    evidence: 'Service level periods of underpinning contracts: measurements and judgements',
    sources: [{ types: [...SERVICE_LEVEL_MONITORING, ...WORKLOAD], clause: '8.3.4.1', scope: 'period' }],
    register: 'performance',
  },
  {
    id: '8.3.4.1-review',
    clause: '8.3.4.1',
    requirement: 'Contracts and supplier performance are reviewed at planned intervals',
    evidence: 'Contract reviews and supplier review meetings, with actions',
    sources: [
      { types: ['AgreementReviewed'], clause: '8.3.4.1', scope: 'period' },
      { types: REVIEW_ACTIVITY, where: { path: 'subject.kind', in: ['supplier', 'contract'] }, scope: 'period' },
    ],
    register: 'reviews',
  },
  {
    id: '8.3.4.1-changes',
    clause: '8.3.4.1',
    requirement: 'Changes to contracts are assessed for their impact before approval',
    evidence: 'Contract amendments: proposal, impact assessment, acceptance and the amended version',
    sources: [{ types: CONTRACT_CHANGE, clause: '8.3.4.1', scope: 'period' }],
    register: 'changes',
    onlyIf: {
      source: { types: ['AmendmentProposed'], clause: '8.3.4.1', scope: 'period' },
      otherwise: 'no contract change was proposed in the period',
    },
  },
  {
    id: '8.3.4.1-disputes',
    clause: '8.3.4.1',
    requirement: 'Contractual disputes are recorded and managed to closure',
    evidence: 'Dispute register: claim, evidence, escalations, proposals, resolution and closure',
    sources: [
      {
        types: [
          'DisputeRaised',
          'DisputeEvidenceAttached',
          'DisputeEscalated',
          'DisputeResolutionProposed',
          'DisputeResolutionAccepted',
          'DisputeResolutionRejected',
          'DisputeResolved',
          'DisputeWithdrawn',
          'DisputeClosed',
        ],
        scope: 'period',
      },
    ],
    register: 'disputes',
  },
  // 8.3.4.2 Internal suppliers and customers acting as a supplier
  {
    id: '8.3.4.2-register',
    clause: '8.3.4.2',
    requirement: 'Internal suppliers and customers acting as a supplier are identified',
    evidence: 'Parties with the role of internal supplier or customer acting as a supplier; their selection',
    sources: [
      {
        types: ['PartyRoleAdded'],
        where: { path: 'role', in: ['internal-supplier', 'customer-as-supplier'] },
        scope: 'standing',
      },
      { types: ['SupplierSelectionStarted', 'SupplierSelected'], clause: '8.3.4.2', scope: 'standing' },
    ],
    register: 'suppliers',
  },
  {
    id: '8.3.4.2-agreement',
    clause: '8.3.4.2',
    requirement:
      'A documented agreement (OLA) with each internal supplier defines targets, commitments, activities and interfaces',
    evidence: 'Operational level agreements as agreed; interfaces with internal suppliers',
    sources: [
      { types: AGREED, clause: '8.3.4.2', scope: 'standing' },
      { types: ['SupplierInterfaceDefined'], clause: '8.3.4.2', scope: 'standing' },
    ],
    register: 'contracts',
  },
  {
    id: '8.3.4.2-alignment',
    clause: '8.3.4.2',
    requirement: 'OLA targets are assessed for alignment with the SLAs',
    evidence: 'Alignment assessments of OLA targets against customer targets',
    sources: [{ types: ['SupplierTargetLinked', 'TargetAlignmentAssessed'], clause: '8.3.4.2', scope: 'standing' }],
    register: 'alignment',
  },
  {
    id: '8.3.4.2-monitoring',
    clause: '8.3.4.2',
    requirement: 'Performance of internal suppliers is monitored against the OLA targets at planned intervals',
    evidence: 'Service level periods of OLAs: measurements and judgements',
    sources: [{ types: [...SERVICE_LEVEL_MONITORING, ...WORKLOAD], clause: '8.3.4.2', scope: 'period' }],
    register: 'performance',
  },
  {
    id: '8.3.4.2-review',
    clause: '8.3.4.2',
    requirement: 'OLAs are reviewed, and changes to them assessed for impact',
    evidence: 'OLA reviews and amendments with impact assessments',
    sources: [{ types: ['AgreementReviewed', ...CONTRACT_CHANGE], clause: '8.3.4.2', scope: 'period' }],
    register: 'changes',
  },
];

/** The fields of an event the requirement table looks at. */
export interface MatchableEvent {
  readonly type: string;
  readonly recordedAt: Date;
  readonly data: Record<string, unknown>;
  readonly metadata: { readonly clauses?: readonly string[] };
}

export interface Period {
  /** First instant of the period (inclusive). */
  readonly from: Date;
  /** End of the period (exclusive). */
  readonly to: Date;
}

function valueAt(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Whether `event` is evidence from `source` for the period. */
export function matchesSource(source: EvidenceSource, event: MatchableEvent, period: Period): boolean {
  if (!source.types.includes(event.type)) return false;
  if (source.clause && !(event.metadata.clauses ?? []).includes(source.clause)) return false;
  if (source.where && !source.where.in.includes(String(valueAt(event.data, source.where.path)))) return false;
  const time = event.recordedAt.getTime();
  if (time >= period.to.getTime()) return false;
  return source.scope === 'standing' || time >= period.from.getTime();
}

export interface RequirementEvidence<Event extends MatchableEvent> {
  readonly requirement: Requirement;
  readonly status: 'evidenced' | 'gap';
  readonly records: readonly Event[];
  /** Why a gap may be expected (the condition of `onlyIf` did not occur). */
  readonly note?: string;
}

/** The event types some requirement counts from before the period (its standing sources). */
export function standingEventTypes(requirements: readonly Requirement[] = REQUIREMENTS): string[] {
  const sources = requirements.flatMap((requirement) => [
    ...requirement.sources,
    ...(requirement.onlyIf ? [requirement.onlyIf.source] : []),
  ]);
  return [...new Set(sources.filter((source) => source.scope === 'standing').flatMap((source) => source.types))];
}

/** Each requirement (of one clause, or all) with the events that evidence it in the period, or a gap. */
export function evaluateRequirements<Event extends MatchableEvent>(
  events: readonly Event[],
  period: Period,
  clause?: IsoClause,
  requirements: readonly Requirement[] = REQUIREMENTS,
): RequirementEvidence<Event>[] {
  const tally = new RequirementTally<Event>(period, clause, requirements);
  tally.add(events);
  return tally.results();
}

/**
 * The evaluation of the requirements fed with the events a page at a time, so that a long log
 * need not be held at once. Each event is matched only against the sources that name its type.
 */
export class RequirementTally<Event extends MatchableEvent> {
  private readonly requirements: readonly Requirement[];
  private readonly records = new Map<Requirement, Event[]>();
  private readonly expected = new Set<Requirement>();
  /** For each event type, the requirements with a source (or an `onlyIf`) of that type. */
  private readonly byType = new Map<string, { requirement: Requirement; source: EvidenceSource; onlyIf: boolean }[]>();

  constructor(
    private readonly period: Period,
    clause?: IsoClause,
    requirements: readonly Requirement[] = REQUIREMENTS,
  ) {
    this.requirements = requirements.filter((requirement) => !clause || requirement.clause === clause);
    const index = (requirement: Requirement, source: EvidenceSource, onlyIf: boolean) => {
      for (const type of source.types) {
        const entries = this.byType.get(type) ?? [];
        entries.push({ requirement, source, onlyIf });
        this.byType.set(type, entries);
      }
    };
    for (const requirement of this.requirements) {
      this.records.set(requirement, []);
      for (const source of requirement.sources) index(requirement, source, false);
      if (requirement.onlyIf) index(requirement, requirement.onlyIf.source, true);
    }
  }

  /** Events in global order, after those added before. */
  add(events: readonly Event[]): void {
    for (const event of events) {
      const entries = this.byType.get(event.type);
      if (!entries) continue;
      for (const { requirement, source, onlyIf } of entries) {
        if (!matchesSource(source, event, this.period)) continue;
        if (onlyIf) {
          this.expected.add(requirement);
          continue;
        }
        // One record per event, however many sources of the requirement it matches.
        const records = this.records.get(requirement)!;
        if (records[records.length - 1] !== event) records.push(event);
      }
    }
  }

  results(): RequirementEvidence<Event>[] {
    return this.requirements.map((requirement) => {
      const records = this.records.get(requirement)!;
      const expected = !requirement.onlyIf || this.expected.has(requirement);
      return {
        requirement,
        status: records.length > 0 ? 'evidenced' : 'gap',
        records,
        ...(records.length === 0 && !expected ? { note: requirement.onlyIf!.otherwise } : {}),
      };
    });
  }
}
