/** One supplier-management stream per supplier party, keyed by the party id. */
export const supplierStreamId = (supplierPartyId: string) => `supplier-${supplierPartyId}`;
