import { chainHash, GENESIS_HASH } from '../chain/chain-hash.js';
import type { EventStore } from '../event-store.js';

export interface LogChainHead {
  /** Global position of the last event chained (0 when the log is empty). */
  readonly position: bigint;
  /** Hex chain hash at `position` (the genesis hash for an empty log). */
  readonly hash: string;
  readonly events: number;
}

export interface LogChainOptions {
  /** Chain only events up to and including this position. */
  readonly upTo?: bigint;
  /** Events per `readAll` call (default 1000). */
  readonly pageSize?: number;
  /** Called with each event's position and chain hash, in global order (e.g. to compare with checkpoint entries). */
  readonly onEntry?: (position: bigint, hash: Buffer) => void;
}

/**
 * Recomputes the log's hash chain (the same `chainHash` the PostgreSQL sealer stores) through the
 * port's `readAll`, so it runs over any adapter, EventStoreDB included. The chain covers events as
 * stored: give a store without upcasters, or `{ readAll: (o) => esdbStore.readAllAsStored(o) }`.
 * Comparing the result, or its entries, with a signed checkpoint kept outside the store shows
 * whether the log was altered.
 */
export async function computeLogChain(
  store: Pick<EventStore, 'readAll'>,
  options: LogChainOptions = {},
): Promise<LogChainHead> {
  const pageSize = options.pageSize ?? 1000;
  let position = 0n;
  let hash = GENESIS_HASH;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, limit: pageSize });
    for (const event of page) {
      if (options.upTo !== undefined && event.globalPosition > options.upTo) {
        return { position, hash: hash.toString('hex'), events };
      }
      hash = chainHash(hash, event);
      position = event.globalPosition;
      events += 1;
      options.onEntry?.(position, hash);
    }
    if (page.length < pageSize) return { position, hash: hash.toString('hex'), events };
  }
}
