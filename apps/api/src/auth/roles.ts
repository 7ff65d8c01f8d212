/**
 * Who may do what. Every route declares the roles it admits; admin is
 * admitted everywhere a role is declared. The auditor reads everything and
 * never issues a command.
 */
export const ROLES = [
  'admin',
  'service-manager',
  'relationship-manager',
  'supplier-manager',
  'operator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may read every record: all but none. */
export const READERS: readonly Role[] = ROLES;

export interface Principal {
  /** Subject of the token, or `key:<id>` of an API key: what events record as the actor. */
  readonly id: string;
  readonly roles: readonly Role[];
  readonly credential: 'token' | 'api-key';
}
