export const surveyStreamId = (surveyId: string) => `survey-${surveyId}`;
