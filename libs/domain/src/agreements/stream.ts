/** One stream per agreement. */
export const agreementStreamId = (agreementId: string) => `agreement-${agreementId}`;
