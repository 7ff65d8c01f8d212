export const partyStreamId = (partyId: string) => `party-${partyId}`;
