/** One stream per agreement and reporting period. */
export const serviceLevelStreamId = (agreementId: string, periodId: string) =>
  `service-level-${agreementId}:${periodId}`;
