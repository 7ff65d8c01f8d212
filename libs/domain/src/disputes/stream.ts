export const disputeStreamId = (disputeId: string) => `dispute-${disputeId}`;
