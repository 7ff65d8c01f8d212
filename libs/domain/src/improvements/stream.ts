/** One stream per improvement opportunity. */
export const improvementStreamId = (improvementId: string) => `improvement-${improvementId}`;
