import pg from 'pg';

/**
 * One active processor of a name across all instances: a PostgreSQL session
 * advisory lock held on a connection of its own. When the holder dies, its
 * connection closes, the lock is freed, and a standby that keeps trying gets it.
 */
export class LeaderLock {
  private client: pg.Client | undefined;
  private lost: (() => void) | undefined;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly name: string,
  ) {}

  /** Tries once; true when this instance now leads. `onLost` is called if the lock's connection breaks. */
  async tryAcquire(onLost: () => void): Promise<boolean> {
    const client = new pg.Client(this.connection);
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended('processor:' || $1, 0)) AS locked",
      [this.name],
    );
    if (!rows[0]!.locked) {
      await client.end();
      return false;
    }
    this.client = client;
    this.lost = onLost;
    client.on('end', () => {
      if (this.client === client) {
        this.client = undefined;
        this.lost?.();
      }
    });
    return true;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  get held(): boolean {
    return this.client !== undefined;
  }
}
