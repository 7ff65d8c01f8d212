import type { PartyRole, Responsibility } from './events.js';

/** A role held from `from` to `until` (both inclusive); `until` is null while it is still held. */
export interface RoleTenure {
  readonly role: PartyRole;
  readonly from: string;
  readonly until: string | null;
}

/** A designation holds from `from` until a successor takes over on `replacedOn`. */
export interface Designation {
  readonly responsibility: Responsibility;
  readonly personId: string;
  readonly from: string;
  readonly replacedOn: string | null;
}

export interface PartyState {
  readonly registered: boolean;
  /** Every role ever held, with dates: a party changes roles over time. */
  readonly roles: readonly RoleTenure[];
  /** Every designation ever made, with dates: who was responsible when. */
  readonly designations: readonly Designation[];
  readonly arrangements: readonly { readonly arrangementId: string; readonly ended: boolean }[];
  readonly communicationIds: readonly string[];
}

export const initialPartyState: PartyState = {
  registered: false,
  roles: [],
  designations: [],
  arrangements: [],
  communicationIds: [],
};

export const currentRoles = (state: PartyState): PartyRole[] =>
  state.roles.filter((tenure) => tenure.until === null).map((tenure) => tenure.role);

export const currentHolder = (state: PartyState, responsibility: Responsibility): Designation | undefined =>
  state.designations.find((held) => held.responsibility === responsibility && held.replacedOn === null);
