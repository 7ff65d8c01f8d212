/** The ISO/IEC 20000-1:2018 clauses an event can evidence. */
export const ISO_CLAUSES = ['8.3.2', '8.3.3', '8.3.4.1', '8.3.4.2'] as const;
export type IsoClause = (typeof ISO_CLAUSES)[number];
