/** Runs SQL and answers its rows: `DataSource.query` of TypeORM, or a pg pool adapted. */
export type RowQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface SupplierScorecardFigures {
  readonly contracts: { readonly total: number; readonly active: number };
  /** Over the supplier's last `periods` judged periods (all contracts together). */
  readonly compliance: {
    readonly periods: number;
    readonly judged: number;
    readonly met: number;
    readonly breached: number;
    readonly notMeasured: number;
    /** met / judged (met + breached), null when nothing was judged. */
    readonly rate: number | null;
  };
  readonly breachesTotal: number;
  readonly disputes: { readonly open: number; readonly awaitingClosure: number };
  readonly risks: { readonly open: number; readonly highestOpenRating: number | null };
  readonly alignment: {
    readonly aligned: number;
    readonly misaligned: number;
    readonly notComparable: number;
    readonly notAssessed: number;
  };
  readonly reviews: { readonly lastHeldOn: string | null; readonly nextDueOn: string | null };
}

const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const date = (value: unknown) => (value === null || value === undefined ? null : String(value));
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * The computed part of the scorecards of some suppliers: compliance over their
 * last `periods` judged periods, breaches, open disputes and risks, alignment of
 * their targets with the customer targets they underpin, and their reviews.
 */
export async function supplierScorecardFigures(
  query: RowQuery,
  supplierIds: readonly string[],
  periods: number,
): Promise<Map<string, SupplierScorecardFigures>> {
  const ids = [...supplierIds];
  const byId = <T>(rows: Record<string, unknown>[], key = 'supplier_id') =>
    new Map(rows.map((row) => [String(row[key]), row as T]));
  const [contracts, compliance, disputes, risks, alignment, reviews] = await Promise.all([
    query(
      `SELECT supplier_id, count(*) AS total, count(*) FILTER (WHERE status = 'active') AS active,
         max(last_reviewed_on)::text AS last_reviewed_on,
         min(next_review_due) FILTER (WHERE status = 'active')::text AS next_review_due
       FROM supplier_contracts WHERE supplier_id = ANY($1) GROUP BY supplier_id`,
      [ids],
    ),
    query(
      `WITH ranked AS (
         SELECT supplier_id, outcome,
           dense_rank() OVER (PARTITION BY supplier_id ORDER BY period_start DESC) AS recency
         FROM supplier_target_results WHERE supplier_id = ANY($1) AND outcome <> 'pending')
       SELECT supplier_id,
         count(DISTINCT recency) FILTER (WHERE recency <= $2) AS periods,
         count(*) FILTER (WHERE recency <= $2 AND outcome = 'met') AS met,
         count(*) FILTER (WHERE recency <= $2 AND outcome = 'breached') AS breached,
         count(*) FILTER (WHERE recency <= $2 AND outcome = 'not-measured') AS not_measured,
         count(*) FILTER (WHERE outcome = 'breached') AS breaches_total
       FROM ranked GROUP BY supplier_id`,
      [ids, periods],
    ),
    query(
      `SELECT party_id AS supplier_id, count(*) FILTER (WHERE status = 'open') AS open,
         count(*) FILTER (WHERE status IN ('resolved', 'withdrawn')) AS awaiting_closure
       FROM supplier_disputes WHERE party_id = ANY($1) GROUP BY party_id`,
      [ids],
    ),
    query(
      `SELECT supplier_id, count(*) AS open, max(likelihood * impact) AS highest
       FROM supplier_risks WHERE supplier_id = ANY($1) AND status <> 'closed' GROUP BY supplier_id`,
      [ids],
    ),
    query(
      `SELECT supplier_id, count(*) FILTER (WHERE outcome = 'aligned') AS aligned,
         count(*) FILTER (WHERE outcome = 'misaligned') AS misaligned,
         count(*) FILTER (WHERE outcome = 'not-comparable') AS not_comparable,
         count(*) FILTER (WHERE outcome = 'not-assessed') AS not_assessed
       FROM supplier_alignments WHERE supplier_id = ANY($1) GROUP BY supplier_id`,
      [ids],
    ),
    query(
      `SELECT COALESCE(c.supplier_id, r.subject_id) AS supplier_id, max(r.held_on)::text AS last_held_on,
         min(r.due_on) FILTER (WHERE r.status = 'scheduled')::text AS next_due_on
       FROM supplier_reviews r
       LEFT JOIN supplier_contracts c ON r.subject_kind IN ('contract', 'agreement') AND c.agreement_id = r.subject_id
       WHERE (r.subject_kind = 'supplier' AND r.subject_id = ANY($1)) OR c.supplier_id = ANY($1)
       GROUP BY 1`,
      [ids],
    ),
  ]);
  const contractsOf = byId(contracts);
  const complianceOf = byId(compliance);
  const disputesOf = byId(disputes);
  const risksOf = byId(risks);
  const alignmentOf = byId(alignment);
  const reviewsOf = byId(reviews);
  return new Map(
    ids.map((id) => {
      const contract = contractsOf.get(id) as Record<string, unknown> | undefined;
      const results = complianceOf.get(id) as Record<string, unknown> | undefined;
      const dispute = disputesOf.get(id) as Record<string, unknown> | undefined;
      const risk = risksOf.get(id) as Record<string, unknown> | undefined;
      const aligned = alignmentOf.get(id) as Record<string, unknown> | undefined;
      const review = reviewsOf.get(id) as Record<string, unknown> | undefined;
      const met = n(results?.met);
      const breached = n(results?.breached);
      const figures: SupplierScorecardFigures = {
        contracts: { total: n(contract?.total), active: n(contract?.active) },
        compliance: {
          periods: n(results?.periods),
          judged: met + breached,
          met,
          breached,
          notMeasured: n(results?.not_measured),
          rate: met + breached === 0 ? null : Math.round((met / (met + breached)) * 1e4) / 1e4,
        },
        breachesTotal: n(results?.breaches_total),
        disputes: { open: n(dispute?.open), awaitingClosure: n(dispute?.awaiting_closure) },
        risks: { open: n(risk?.open), highestOpenRating: risk ? n(risk.highest) : null },
        alignment: {
          aligned: n(aligned?.aligned),
          misaligned: n(aligned?.misaligned),
          notComparable: n(aligned?.not_comparable),
          notAssessed: n(aligned?.not_assessed),
        },
        reviews: {
          lastHeldOn: later(date(review?.last_held_on), date(contract?.last_reviewed_on)),
          nextDueOn: earlier(date(review?.next_due_on), date(contract?.next_review_due)),
        },
      };
      return [id, figures];
    }),
  );
}
