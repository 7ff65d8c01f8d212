export const reviewStreamId = (reviewId: string) => `review-${reviewId}`;
