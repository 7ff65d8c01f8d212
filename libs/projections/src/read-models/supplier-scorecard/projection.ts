import type {
  AgreementEventOf,
  AgreementEventType,
  DisputeEvent,
  PartyEvent,
  ReviewEvent,
  ServiceLevelEventOf,
  ServiceLevelEventType,
  SupplierEvent,
} from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from '../../runtime/projection.js';

type AnyEvent =
  | AgreementEventOf<AgreementEventType>
  | ServiceLevelEventOf<ServiceLevelEventType>
  | SupplierEvent
  | DisputeEvent
  | ReviewEvent
  | PartyEvent;
type Data<K extends AnyEvent['type']> = Extract<AnyEvent, { type: K }>['data'];
const dataOf = <K extends AnyEvent['type']>(event: RecordedEvent, _type: K) => event.data as Data<K>;

/** The supplier kind of a contract's counterparty, when the counterparty is a supplier. */
const SUPPLIER_ROLES: Readonly<Record<string, string>> = {
  'external-supplier': 'external',
  'internal-supplier': 'internal',
  'customer-as-supplier': 'customer-as-supplier',
};
const CONTRACT_KINDS = new Set(['UNDERPINNING_CONTRACT', 'OLA']);
const REVIEW_SUBJECTS = new Set(['supplier', 'contract', 'agreement']);

const EVENT_TYPES = [
  'PartyRoleAdded',
  'SupplierSelectionStarted',
  'SupplierEvaluated',
  'SupplierSelected',
  'SupplierRejected',
  'SupplierRiskIdentified',
  'SupplierRiskTreated',
  'SupplierRiskClosed',
  'AgreementDrafted',
  'TermsProposed',
  'AgreementAgreed',
  'AgreementActivated',
  'AgreementAmended',
  'AgreementReviewed',
  'AgreementExpired',
  'AgreementTerminated',
  'SupplierTargetLinked',
  'TargetAlignmentAssessed',
  'ServiceLevelPeriodOpened',
  'ServiceLevelTargetMet',
  'ServiceLevelTargetBreached',
  'ServiceLevelTargetNotMeasured',
  'DisputeRaised',
  'DisputeResolved',
  'DisputeWithdrawn',
  'DisputeClosed',
  'ReviewScheduled',
  'ReviewRescheduled',
  'ReviewCancelled',
  'ReviewHeld',
] as const satisfies readonly AnyEvent['type'][];

/**
 * Supplier performance scorecards (clause 8.3.4): per supplier, its underpinning
 * contracts and OLAs, the outcome of every target of them in every period, its
 * risks, disputes, latest evaluation, the alignment of its targets with the
 * customer targets they underpin, and its reviews. Rates and counts are computed
 * when queried, from these rows.
 */
export const supplierScorecardProjection: Projection = {
  name: 'supplier-scorecard',
  tables: [
    'supplier_scorecards',
    'supplier_contracts',
    'supplier_target_results',
    'supplier_risks',
    'supplier_disputes',
    'supplier_alignments',
    'supplier_reviews',
  ],
  eventTypes: EVENT_TYPES,
  async apply(events, tx) {
    for (const event of events) applyOne(event, tx);
  },
};

function applyOne(event: RecordedEvent, { write, table }: ProjectionTransaction): void {
  const position = event.globalPosition.toString();
  const scorecards = table('supplier_scorecards');
  const contracts = table('supplier_contracts');
  const results = table('supplier_target_results');
  const risks = table('supplier_risks');
  const disputes = table('supplier_disputes');
  const alignments = table('supplier_alignments');
  const reviews = table('supplier_reviews');

  /** Makes sure the supplier has a scorecard; `authoritative` kinds (from the supplier's own stream) replace a guessed one. */
  const ensureSupplier = (supplierId: string, kind: string, authoritative: boolean) =>
    write(
      `INSERT INTO ${scorecards} (supplier_id, supplier_kind, position) VALUES ($1, $2, $3)
       ON CONFLICT (supplier_id) DO UPDATE SET
         supplier_kind = CASE WHEN $4 THEN EXCLUDED.supplier_kind ELSE ${scorecards}.supplier_kind END,
         position = EXCLUDED.position`,
      [supplierId, kind, position, authoritative],
    );
  const updateContract = (agreementId: string, assignments: string, values: unknown[]) =>
    write(`UPDATE ${contracts} SET ${assignments}, position = $2 WHERE agreement_id = $1`, [
      agreementId,
      position,
      ...values,
    ]);
  const updateReview = (reviewId: string, assignments: string, values: unknown[]) =>
    write(`UPDATE ${reviews} SET ${assignments}, position = $2 WHERE review_id = $1`, [reviewId, position, ...values]);

  switch (event.type) {
    case 'PartyRoleAdded': {
      const data = dataOf(event, 'PartyRoleAdded');
      const kind = SUPPLIER_ROLES[data.role];
      if (kind) ensureSupplier(data.partyId, kind, false);
      return;
    }
    case 'SupplierSelectionStarted': {
      const data = dataOf(event, 'SupplierSelectionStarted');
      ensureSupplier(data.supplierId, data.supplierKind, true);
      write(
        `UPDATE ${scorecards} SET selection_status = 'evaluating', scope = $2, scale_min = $3, scale_max = $4
         WHERE supplier_id = $1`,
        [data.supplierId, data.scope, data.scale.min, data.scale.max],
      );
      return;
    }
    case 'SupplierEvaluated': {
      const data = dataOf(event, 'SupplierEvaluated');
      ensureSupplier(data.supplierId, data.supplierKind, true);
      write(
        `UPDATE ${scorecards} SET latest_evaluation_id = $2, latest_evaluation_score = $3, evaluated_at = $4
         WHERE supplier_id = $1`,
        [data.supplierId, data.evaluationId, data.weightedScore, data.at],
      );
      return;
    }
    case 'SupplierSelected':
    case 'SupplierRejected': {
      const data = dataOf(event, 'SupplierRejected');
      const selected = event.type === 'SupplierSelected';
      ensureSupplier(data.supplierId, data.supplierKind, true);
      write(
        `UPDATE ${scorecards} SET selection_status = $2, selected_at = CASE WHEN $3 THEN $4::timestamptz END
         WHERE supplier_id = $1`,
        [data.supplierId, selected ? 'selected' : 'rejected', selected, data.at],
      );
      return;
    }
    case 'SupplierRiskIdentified': {
      const data = dataOf(event, 'SupplierRiskIdentified');
      ensureSupplier(data.supplierId, data.supplierKind, true);
      write(
        `INSERT INTO ${risks} (supplier_id, risk_id, status, likelihood, impact, owner_id, identified_at, position)
         VALUES ($1, $2, 'identified', $3, $4, $5, $6, $7)
         ON CONFLICT (supplier_id, risk_id) DO UPDATE SET status = 'identified', likelihood = EXCLUDED.likelihood,
           impact = EXCLUDED.impact, owner_id = EXCLUDED.owner_id, closed_at = NULL, position = EXCLUDED.position`,
        [data.supplierId, data.riskId, data.likelihood, data.impact, data.ownerId, data.at, position],
      );
      return;
    }
    case 'SupplierRiskTreated':
    case 'SupplierRiskClosed': {
      const data = dataOf(event, 'SupplierRiskClosed');
      const closed = event.type === 'SupplierRiskClosed';
      write(
        `UPDATE ${risks} SET status = $3, closed_at = CASE WHEN $4 THEN $5::timestamptz END, position = $6
         WHERE supplier_id = $1 AND risk_id = $2`,
        [data.supplierId, data.riskId, closed ? 'closed' : 'treated', closed, data.at, position],
      );
      return;
    }
    case 'AgreementDrafted': {
      const data = dataOf(event, 'AgreementDrafted');
      const kind = SUPPLIER_ROLES[data.counterpartyRole];
      if (!kind || !CONTRACT_KINDS.has(data.kind)) return;
      ensureSupplier(data.counterpartyPartyId, kind, false);
      write(
        `INSERT INTO ${contracts} (agreement_id, supplier_id, kind, title, counterparty_role, status, drafted_at,
           position)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7)
         ON CONFLICT (agreement_id) DO NOTHING`,
        [data.agreementId, data.counterpartyPartyId, data.kind, data.title, data.counterpartyRole, data.at, position],
      );
      return;
    }
    case 'TermsProposed': {
      const data = dataOf(event, 'TermsProposed');
      write(
        `UPDATE ${contracts} SET status = 'negotiating', position = $2 WHERE agreement_id = $1 AND status = 'draft'`,
        [data.agreementId, position],
      );
      return;
    }
    case 'AgreementAgreed': {
      const data = dataOf(event, 'AgreementAgreed');
      updateContract(data.agreementId, `status = 'agreed', version_in_force = $3`, [data.version]);
      return;
    }
    case 'AgreementActivated': {
      const data = dataOf(event, 'AgreementActivated');
      updateContract(
        data.agreementId,
        `status = 'active', version_in_force = $3, effective_on = $4, next_review_due = $5`,
        [data.version, data.effectiveOn, data.nextReviewDue],
      );
      return;
    }
    case 'AgreementAmended': {
      const data = dataOf(event, 'AgreementAmended');
      updateContract(data.agreementId, `version_in_force = $3`, [data.version]);
      return;
    }
    case 'AgreementReviewed': {
      const data = dataOf(event, 'AgreementReviewed');
      updateContract(data.agreementId, `last_reviewed_on = $3, next_review_due = $4`, [
        data.reviewedOn,
        data.nextReviewDue,
      ]);
      return;
    }
    case 'AgreementExpired':
    case 'AgreementTerminated': {
      const data = dataOf(event, 'AgreementExpired');
      updateContract(data.agreementId, `status = $3, next_review_due = NULL`, [
        event.type === 'AgreementExpired' ? 'expired' : 'terminated',
      ]);
      return;
    }
    case 'SupplierTargetLinked': {
      const data = dataOf(event, 'SupplierTargetLinked');
      write(
        `INSERT INTO ${alignments} (agreement_id, supplier_target_id, customer_agreement_id, customer_target_id,
           supplier_id, outcome, position)
         SELECT $1, $2, $3, $4, c.supplier_id, 'not-assessed', $5 FROM ${contracts} c WHERE c.agreement_id = $1
         ON CONFLICT DO NOTHING`,
        [data.agreementId, data.supplierTargetId, data.customerAgreementId, data.customerTargetId, position],
      );
      return;
    }
    case 'TargetAlignmentAssessed': {
      const data = dataOf(event, 'TargetAlignmentAssessed');
      write(
        `INSERT INTO ${alignments} (agreement_id, supplier_target_id, customer_agreement_id, customer_target_id,
           supplier_id, outcome, supplier_version, customer_version, assessed_at, position)
         SELECT $1, $2, $3, $4, c.supplier_id, $5, $6, $7, $8, $9 FROM ${contracts} c WHERE c.agreement_id = $1
         ON CONFLICT (agreement_id, supplier_target_id, customer_agreement_id, customer_target_id) DO UPDATE SET
           outcome = EXCLUDED.outcome, supplier_version = EXCLUDED.supplier_version,
           customer_version = EXCLUDED.customer_version, assessed_at = EXCLUDED.assessed_at,
           position = EXCLUDED.position`,
        [
          data.agreementId,
          data.supplierTargetId,
          data.customerAgreementId,
          data.customerTargetId,
          data.outcome,
          data.supplierVersion,
          data.customerVersion ?? null,
          data.at,
          position,
        ],
      );
      return;
    }
    case 'ServiceLevelPeriodOpened': {
      const data = dataOf(event, 'ServiceLevelPeriodOpened');
      for (const target of data.targets) {
        write(
          `INSERT INTO ${results} (agreement_id, period_id, target_id, supplier_id, period_start, outcome, position)
           SELECT $1, $2, $3, c.supplier_id, $4, 'pending', $5 FROM ${contracts} c WHERE c.agreement_id = $1
           ON CONFLICT DO NOTHING`,
          [data.agreementId, data.periodId, target.targetId, data.start, position],
        );
      }
      return;
    }
    case 'ServiceLevelTargetMet':
    case 'ServiceLevelTargetBreached':
    case 'ServiceLevelTargetNotMeasured': {
      const data = dataOf(event, 'ServiceLevelTargetNotMeasured');
      const outcome =
        event.type === 'ServiceLevelTargetMet'
          ? 'met'
          : event.type === 'ServiceLevelTargetBreached'
            ? 'breached'
            : 'not-measured';
      write(
        `UPDATE ${results} SET outcome = $4, position = $5
         WHERE agreement_id = $1 AND period_id = $2 AND target_id = $3`,
        [data.agreementId, data.periodId, data.targetId, outcome, position],
      );
      return;
    }
    case 'DisputeRaised': {
      const data = dataOf(event, 'DisputeRaised');
      write(
        `INSERT INTO ${disputes} (dispute_id, party_id, agreement_id, status, raised_at, position)
         VALUES ($1, $2, $3, 'open', $4, $5) ON CONFLICT (dispute_id) DO NOTHING`,
        [data.disputeId, data.partyId, data.subject.agreementId, data.at, position],
      );
      return;
    }
    case 'DisputeResolved':
    case 'DisputeWithdrawn':
    case 'DisputeClosed': {
      const data = dataOf(event, 'DisputeClosed');
      const status =
        event.type === 'DisputeResolved' ? 'resolved' : event.type === 'DisputeWithdrawn' ? 'withdrawn' : 'closed';
      write(`UPDATE ${disputes} SET status = $2, position = $3 WHERE dispute_id = $1`, [
        data.disputeId,
        status,
        position,
      ]);
      return;
    }
    case 'ReviewScheduled': {
      const data = dataOf(event, 'ReviewScheduled');
      if (!REVIEW_SUBJECTS.has(data.subject.kind)) return;
      write(
        `INSERT INTO ${reviews} (review_id, subject_kind, subject_id, status, due_on, position)
         VALUES ($1, $2, $3, 'scheduled', $4, $5) ON CONFLICT (review_id) DO NOTHING`,
        [data.reviewId, data.subject.kind, data.subject.id, data.dueOn, position],
      );
      return;
    }
    case 'ReviewRescheduled': {
      const data = dataOf(event, 'ReviewRescheduled');
      updateReview(data.reviewId, 'due_on = $3', [data.dueOn]);
      return;
    }
    case 'ReviewCancelled': {
      const data = dataOf(event, 'ReviewCancelled');
      updateReview(data.reviewId, `status = 'cancelled'`, []);
      return;
    }
    case 'ReviewHeld': {
      const data = dataOf(event, 'ReviewHeld');
      updateReview(data.reviewId, `status = 'held', held_on = $3`, [data.heldOn]);
      return;
    }
    default:
      return;
  }
}
