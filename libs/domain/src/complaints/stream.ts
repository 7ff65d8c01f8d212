export const complaintStreamId = (complaintId: string) => `complaint-${complaintId}`;
