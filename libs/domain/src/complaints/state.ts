/**
 * `none` until recorded; `open` while being handled; `resolved` once a
 * resolution is recorded; `closed` once the customer confirmed or did not
 * answer in time. Reopening goes back to `open` and drops the resolution.
 */
export type ComplaintStatus = 'none' | 'open' | 'resolved' | 'closed';

export interface ComplaintState {
  readonly status: ComplaintStatus;
  readonly customerId: string | null;
  readonly serviceId: string | null;
  readonly assigneeId: string | null;
  readonly escalations: number;
  readonly resolution: { readonly text: string; readonly at: string } | null;
  readonly improvementIds: readonly string[];
}

export const initialComplaintState: ComplaintState = {
  status: 'none',
  customerId: null,
  serviceId: null,
  assigneeId: null,
  escalations: 0,
  resolution: null,
  improvementIds: [],
};
