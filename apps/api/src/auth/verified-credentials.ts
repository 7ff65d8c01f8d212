/**
 * How long a credential checked against the database is trusted without asking again. A key or
 * token revoked on this instance stops at once; revoked elsewhere (the CLI, another instance), it
 * keeps working here for at most this long.
 */
export const CREDENTIAL_TRUST_MS = 5_000;

/** Credentials kept: a few per caller, so that many callers cannot grow the memory without end. */
const CAPACITY = 10_000;

/**
 * What the database said about a credential, by its id, for CREDENTIAL_TRUST_MS: checking it on
 * every request cost a round trip as dear as the command's own append.
 */
export class VerifiedCredentials<Verified> {
  private readonly entries = new Map<string, { verified: Verified; until: number }>();

  constructor(
    private readonly trustMs = CREDENTIAL_TRUST_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): Verified | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.verified;
    this.entries.delete(id);
    return undefined;
  }

  keep(id: string, verified: Verified): void {
    this.entries.delete(id);
    this.entries.set(id, { verified, until: this.now() + this.trustMs });
    // Map order is insertion order: the first entry is the one kept longest ago.
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
