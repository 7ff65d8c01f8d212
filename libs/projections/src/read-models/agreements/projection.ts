import {
  agreementEventSchemas,
  currentAgreedVersion,
  evolveAgreement,
  initialAgreementState,
  type AgreementEvent,
  type AgreementState,
  type AgreementTerms,
  type ExistingAgreement,
} from '@lib/domain/agreements/index.js';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from '../../runtime/projection.js';

/** What the projection keeps per agreement to fold the next events: the domain state and what it forgets. */
interface Folded {
  readonly state: AgreementState;
  /** When each version was agreed. */
  readonly agreedAt: Readonly<Record<string, string>>;
  readonly draftedAt: string;
  readonly updatedAt: string;
  readonly position: string;
}

const STEPS: Partial<Record<AgreementEvent['type'], string>> = {
  AgreementDrafted: 'drafted',
  TermsProposed: 'proposed',
  TermsCounterProposed: 'counter-proposed',
  ProposalWithdrawn: 'withdrawn',
  TermsAccepted: 'accepted',
  AgreementAgreed: 'agreed',
  AgreementActivated: 'activated',
  AmendmentProposed: 'amendment-proposed',
  AmendmentImpactAssessed: 'impact-assessed',
  AmendmentAccepted: 'amendment-accepted',
  AmendmentRejected: 'amendment-rejected',
  AgreementAmended: 'amended',
};

/** `2026-06-01` → `2026-05-31` (UTC calendar days). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const earliest = (dates: readonly (string | undefined)[]) =>
  dates.filter((date): date is string => date !== undefined).sort()[0];

/**
 * The days each agreed version is in force, as `termsInForceOn` decides: on a
 * day, the version with the latest start on or before it (the later agreed
 * one when two start the same day), and none after the agreement's end.
 */
export function versionWindows(
  state: ExistingAgreement,
): { version: number; effectiveFrom?: string; effectiveTo?: string }[] {
  const end = earliest([state.lastDayInForce, state.effectiveTo]);
  return state.agreedVersions.map((agreed, i) => {
    const from = agreed.effectiveFrom;
    if (from === undefined) return { version: agreed.version };
    const next = earliest(
      state.agreedVersions
        .filter(
          (other, j) =>
            other.effectiveFrom !== undefined &&
            (other.effectiveFrom > from || (other.effectiveFrom === from && j > i)),
        )
        .map((other) => other.effectiveFrom),
    );
    const to = earliest([next === undefined ? undefined : dayBefore(next), end]);
    return { version: agreed.version, effectiveFrom: from, ...(to !== undefined ? { effectiveTo: to } : {}) };
  });
}

const termsSummary = (terms: AgreementTerms | undefined) => ({
  services: terms?.services ?? [],
  review_interval: terms?.reviewInterval ?? null,
  targets: (terms?.targets ?? []).map((target) => ({
    targetId: target.targetId,
    name: target.name,
    ...(target.serviceId !== undefined ? { serviceId: target.serviceId } : {}),
    metric: target.metric,
    comparator: target.comparator,
    value: target.value,
    unit: target.unit,
    measurementPeriod: target.measurementPeriod,
  })),
  workload_limits: (terms?.workloadLimits ?? []).map(({ limitId, name, unit, limit, period }) => ({
    limitId,
    name,
    unit,
    limit,
    period,
  })),
  provider_owner: terms?.provider.owner ?? null,
  counterparty_owner: terms?.counterparty.owner ?? null,
});

function currentRow(folded: Folded & { state: ExistingAgreement }) {
  const { state } = folded;
  const current = currentAgreedVersion(state);
  const termsVersion = current?.version ?? (state.latestVersion > 0 ? state.latestVersion : undefined);
  const terms = current?.terms ?? (termsVersion !== undefined ? state.versions[termsVersion]?.terms : undefined);
  return {
    agreement_id: state.agreementId,
    kind: state.kind,
    title: state.title,
    provider_party_id: state.providerPartyId,
    counterparty_party_id: state.counterpartyPartyId,
    counterparty_role: state.counterpartyRole,
    status: state.status,
    current_version: current?.version ?? null,
    latest_version: state.latestVersion,
    terms_version: termsVersion ?? null,
    open_proposal: state.openProposal ?? null,
    open_amendment: state.openAmendment ?? null,
    effective_from: current?.effectiveFrom ?? null,
    effective_to: state.effectiveTo ?? null,
    activated_on: state.activatedOn ?? null,
    last_day_in_force: state.lastDayInForce ?? null,
    next_review_due: state.nextReviewDue ?? null,
    ...termsSummary(terms),
    drafted_at: folded.draftedAt,
    updated_at: folded.updatedAt,
    position: folded.position,
    state: folded,
  };
}

function versionRows(folded: Folded & { state: ExistingAgreement }) {
  const { state } = folded;
  const windows = versionWindows(state);
  return state.agreedVersions.map((agreed, i) => {
    const proposed = state.versions[agreed.version];
    return {
      agreement_id: state.agreementId,
      version: agreed.version,
      origin: proposed?.origin ?? 'negotiation',
      amends: proposed?.amends ?? null,
      proposed_by_side: proposed?.proposedBySide ?? 'provider',
      proposed_by: proposed?.proposedBy ?? '',
      accepted_by: proposed?.acceptedBy ?? {},
      agreed_at: folded.agreedAt[String(agreed.version)] ?? folded.updatedAt,
      effective_from: windows[i]!.effectiveFrom ?? null,
      effective_to: windows[i]!.effectiveTo ?? null,
      terms: agreed.terms,
    };
  });
}

function timelineRow(event: RecordedEvent, step: string) {
  const data = event.data as Record<string, unknown>;
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const number = (key: string) => (typeof data[key] === 'number' ? (data[key] as number) : null);
  return {
    global_position: event.globalPosition.toString(),
    agreement_id: String(data.agreementId),
    step,
    event_type: event.type,
    version: number('version'),
    in_response_to: number('inResponseTo'),
    side: text('side'),
    taken_by: text('by') ?? event.metadata.actor,
    taken_at: text('at') ?? event.recordedAt.toISOString(),
    reason: text('reason') ?? text('rationale') ?? text('summary'),
    effective_on: text('effectiveOn'),
  };
}

const existing = (folded: Folded): folded is Folded & { state: ExistingAgreement } => folded.state.status !== 'none';

/**
 * Agreements (clauses 8.3.3, 8.3.4): each agreement as it stands now; every
 * agreed version with the days it is in force (for "which agreements were in
 * force on D, in which version"); and the negotiation timeline. It folds each
 * agreement with the domain's own `evolveAgreement`, keeping the folded state
 * in the agreement's row. Agreement events carry no personal data: people
 * appear by person id.
 */
export const agreementsProjection: Projection = {
  name: 'agreements',
  tables: ['agreements_current', 'agreement_versions', 'agreement_timeline'],
  eventTypes: Object.keys(agreementEventSchemas),
  async apply(events, tx) {
    const ids = [...new Set(events.map((event) => String(event.data.agreementId)))];
    const folded = await load(tx, ids);
    const timeline: ReturnType<typeof timelineRow>[] = [];
    const touched = new Set<string>();
    for (const event of events) {
      const id = String(event.data.agreementId);
      const before = folded.get(id);
      const state = evolveAgreement(before?.state ?? initialAgreementState, {
        type: event.type,
        data: event.data,
      } as AgreementEvent);
      const agreedVersion =
        event.type === 'AgreementAgreed' || event.type === 'AgreementAmended' ? String(event.data.version) : undefined;
      folded.set(id, {
        state,
        agreedAt: agreedVersion
          ? { ...before?.agreedAt, [agreedVersion]: String(event.data.at) }
          : (before?.agreedAt ?? {}),
        draftedAt: before?.draftedAt ?? event.recordedAt.toISOString(),
        updatedAt: event.recordedAt.toISOString(),
        position: event.globalPosition.toString(),
      });
      touched.add(id);
      const step = STEPS[event.type as AgreementEvent['type']];
      if (step && state.status !== 'none') timeline.push(timelineRow(event, step));
    }
    const rows = [...touched].map((id) => folded.get(id)!).filter(existing);
    save(tx, rows, timeline);
  },
};

async function load({ client, table }: ProjectionTransaction, ids: string[]): Promise<Map<string, Folded>> {
  const { rows } = await client.query<{ agreement_id: string; state: Folded }>(
    `SELECT agreement_id, state FROM ${table('agreements_current')} WHERE agreement_id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((row) => [row.agreement_id, row.state]));
}

function save(
  { table, write }: ProjectionTransaction,
  folded: (Folded & { state: ExistingAgreement })[],
  timeline: ReturnType<typeof timelineRow>[],
): void {
  if (folded.length > 0) {
    write(
      `INSERT INTO ${table('agreements_current')} AS a (agreement_id, kind, title, provider_party_id,
         counterparty_party_id, counterparty_role, status, current_version, latest_version, terms_version,
         open_proposal, open_amendment, services, effective_from, effective_to, activated_on, last_day_in_force,
         next_review_due, review_interval, targets, workload_limits, provider_owner, counterparty_owner,
         drafted_at, updated_at, position, state)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(agreement_id text, kind text, title text,
         provider_party_id text, counterparty_party_id text, counterparty_role text, status text,
         current_version integer, latest_version integer, terms_version integer, open_proposal integer,
         open_amendment integer, services text[], effective_from date, effective_to date, activated_on date,
         last_day_in_force date, next_review_due date, review_interval text, targets jsonb, workload_limits jsonb,
         provider_owner text, counterparty_owner text, drafted_at timestamptz, updated_at timestamptz,
         position bigint, state jsonb)
       ON CONFLICT (agreement_id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title,
         provider_party_id = EXCLUDED.provider_party_id, counterparty_party_id = EXCLUDED.counterparty_party_id,
         counterparty_role = EXCLUDED.counterparty_role, status = EXCLUDED.status,
         current_version = EXCLUDED.current_version, latest_version = EXCLUDED.latest_version,
         terms_version = EXCLUDED.terms_version, open_proposal = EXCLUDED.open_proposal,
         open_amendment = EXCLUDED.open_amendment, services = EXCLUDED.services,
         effective_from = EXCLUDED.effective_from, effective_to = EXCLUDED.effective_to,
         activated_on = EXCLUDED.activated_on, last_day_in_force = EXCLUDED.last_day_in_force,
         next_review_due = EXCLUDED.next_review_due, review_interval = EXCLUDED.review_interval,
         targets = EXCLUDED.targets, workload_limits = EXCLUDED.workload_limits,
         provider_owner = EXCLUDED.provider_owner, counterparty_owner = EXCLUDED.counterparty_owner,
         drafted_at = EXCLUDED.drafted_at, updated_at = EXCLUDED.updated_at, position = EXCLUDED.position,
         state = EXCLUDED.state`,
      [JSON.stringify(folded.map(currentRow))],
    );
    write(`DELETE FROM ${table('agreement_versions')} WHERE agreement_id = ANY($1)`, [
      folded.map((row) => row.state.agreementId),
    ]);
    const versions = folded.flatMap(versionRows);
    if (versions.length > 0) {
      write(
        `INSERT INTO ${table('agreement_versions')} (agreement_id, version, origin, amends, proposed_by_side,
           proposed_by, accepted_by, agreed_at, effective_from, effective_to, terms)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(agreement_id text, version integer, origin text,
           amends integer, proposed_by_side text, proposed_by text, accepted_by jsonb, agreed_at timestamptz,
           effective_from date, effective_to date, terms jsonb)`,
        [JSON.stringify(versions)],
      );
    }
  }
  if (timeline.length > 0) {
    write(
      `INSERT INTO ${table('agreement_timeline')} (global_position, agreement_id, step, event_type, version,
         in_response_to, side, taken_by, taken_at, reason, effective_on)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(global_position bigint, agreement_id text, step text,
         event_type text, version integer, in_response_to integer, side text, taken_by text, taken_at timestamptz,
         reason text, effective_on date)`,
      [JSON.stringify(timeline)],
    );
  }
}
