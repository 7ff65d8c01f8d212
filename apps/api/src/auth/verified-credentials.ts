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
  /** Checks under way: the requests that arrive meanwhile wait for the same answer. */
  private readonly checking = new Map<string, Promise<Verified | undefined>>();

  constructor(
    private readonly trustMs = CREDENTIAL_TRUST_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * What is kept for `id`, or else the answer of `check`, kept when there is one. While a check
   * runs, other requests with the same credential share it: when an entry ends, the requests of a
   * busy caller would otherwise each ask the database.
   */
  verify(id: string, check: () => Promise<Verified | undefined>): Promise<Verified | undefined> {
    const kept = this.get(id);
    if (kept !== undefined) return Promise.resolve(kept);
    const running = this.checking.get(id);
    if (running) return running;
    const checked = check().then(
      (verified) => {
        // Not kept if the credential was forgotten (revoked) while the check ran.
        if (this.checking.get(id) === checked) {
          this.checking.delete(id);
          if (verified !== undefined) this.keep(id, verified);
        }
        return verified;
      },
      (error: unknown) => {
        if (this.checking.get(id) === checked) this.checking.delete(id);
        throw error;
      },
    );
    this.checking.set(id, checked);
    return checked;
  }

  private get(id: string): Verified | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.verified;
    this.entries.delete(id);
    return undefined;
  }

  private keep(id: string, verified: Verified): void {
    this.entries.delete(id);
    this.entries.set(id, { verified, until: this.now() + this.trustMs });
    // Map order is insertion order: the first entry is the one kept longest ago.
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(id: string): void {
    this.entries.delete(id);
    this.checking.delete(id);
  }
}
