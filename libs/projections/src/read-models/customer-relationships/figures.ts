/** Runs SQL and answers its rows: `DataSource.query` of TypeORM, or a pg pool adapted. */
export type CustomerRowQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface CustomerRelationshipFigures {
  readonly complaints: { readonly open: number; readonly total: number };
  readonly reviews: {
    readonly lastHeldOn: string | null;
    readonly nextDueOn: string | null;
    /** Scheduled reviews due before `asAt`. */
    readonly overdue: number;
  };
}

const n = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const date = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The computed part of some customers' relationships: open complaints and reviews, as at a date. */
export async function customerRelationshipFigures(
  query: CustomerRowQuery,
  partyIds: readonly string[],
  asAt: Date,
): Promise<Map<string, CustomerRelationshipFigures>> {
  const ids = [...partyIds];
  const [complaints, reviews] = await Promise.all([
    query(
      `SELECT party_id, count(*) AS total, count(*) FILTER (WHERE status <> 'closed') AS open
       FROM customer_complaints WHERE party_id = ANY($1) GROUP BY party_id`,
      [ids],
    ),
    query(
      `SELECT party_id, max(held_on)::text AS last_held_on,
         min(due_on) FILTER (WHERE status = 'scheduled')::text AS next_due_on,
         count(*) FILTER (WHERE status = 'scheduled' AND due_on < ($2::timestamptz AT TIME ZONE 'UTC')::date) AS overdue
       FROM customer_reviews WHERE party_id = ANY($1) GROUP BY party_id`,
      [ids, asAt.toISOString()],
    ),
  ]);
  const complaintsOf = new Map(complaints.map((row) => [String(row.party_id), row]));
  const reviewsOf = new Map(reviews.map((row) => [String(row.party_id), row]));
  return new Map(
    ids.map((id) => {
      const complaint = complaintsOf.get(id);
      const review = reviewsOf.get(id);
      return [
        id,
        {
          complaints: { open: n(complaint?.open), total: n(complaint?.total) },
          reviews: {
            lastHeldOn: date(review?.last_held_on),
            nextDueOn: date(review?.next_due_on),
            overdue: n(review?.overdue),
          },
        },
      ];
    }),
  );
}
