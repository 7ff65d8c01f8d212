import { randomUUID } from 'node:crypto';
import { NO_STREAM } from '@eventstore/db-client';
import type { ChainCheckpoint } from '../src/chain/checkpoint.js';
import { checkpointFromJson, checkpointToJson } from '../src/chain/checkpoint-json.js';
import type { ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../src/event-store.js';
import {
  CHECKPOINT_EVENT_TYPE,
  readCheckpointRecord,
  type CheckpointEvent,
  type CheckpointRecord,
} from '../src/eventstoredb/checkpoint-record.js';
import type { CheckpointRevision } from '../src/eventstoredb/checkpoint-stream.js';

/**
 * An EventStoreDB log in memory, for the specs of the chain over it: positions are sparse and
 * increasing like commit positions, and `events` may be edited to play an attacker.
 */
export class MemoryLog {
  events: RecordedEvent[] = [];
  readonly chainCheckpoints = new MemoryCheckpointStream();
  private nextPosition = 4_096n;
  private wake: (() => void) | undefined;

  append(streamId: string, data: Record<string, unknown>): RecordedEvent {
    const event: RecordedEvent = {
      eventId: randomUUID(),
      streamId,
      streamVersion: this.events.filter((e) => e.streamId === streamId).length,
      globalPosition: this.nextPosition,
      type: 'ServiceLevelTargetMeasured',
      schemaVersion: 1,
      data,
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, this.events.length)),
      metadata: { actor: 'user:alice', correlationId: randomUUID(), causationId: randomUUID(), clauses: ['8.3.3'] },
    };
    // Records of varying length, as in the transaction log.
    this.nextPosition += 150n + BigInt(JSON.stringify(data).length);
    this.events.push(event);
    this.wake?.();
    return event;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.fromPosition ?? 0n;
    const prefix = options.filter?.streamIdPrefix ?? '';
    return this.events
      .filter((e) => e.globalPosition > after && e.streamId.startsWith(prefix))
      .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  }

  readAllAsStored(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAll(options);
  }

  /** Catches up, then delivers new events as they are appended, one at a time. */
  subscribeToAllAsStored(options: SubscribeOptions): Subscription {
    let stopped = false;
    let last = options.fromPosition ?? 0n;
    const run = (async () => {
      while (!stopped) {
        const [next] = await this.readAll({ fromPosition: last, limit: 1 });
        if (!next) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        last = next.globalPosition;
        try {
          await options.onEvent(next);
        } catch (error) {
          options.onError?.(error);
          return;
        }
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        this.wake?.();
        await run;
      },
    };
  }
}

/** The checkpoint stream in memory, with the revisions and expected-revision check of EventStoreDB. */
export class MemoryCheckpointStream {
  readonly name = '$test-audit-chain-checkpoints';
  events: CheckpointEvent[] = [];
  metadata: { truncateBefore?: number; maxCount?: number } | undefined;

  async read(): Promise<CheckpointRecord> {
    return readCheckpointRecord(this.name, this.events, this.metadata);
  }

  async last(): Promise<{ checkpoint?: ChainCheckpoint; revision: CheckpointRevision }> {
    const last = this.events[this.events.length - 1];
    if (!last) return { revision: NO_STREAM };
    return { checkpoint: checkpointFromJson(last.data), revision: last.revision };
  }

  async append(checkpoint: ChainCheckpoint, revision: CheckpointRevision): Promise<bigint | undefined> {
    const current = this.events.length ? this.events[this.events.length - 1]!.revision : NO_STREAM;
    if (current !== revision) return undefined;
    const next = current === NO_STREAM ? 0n : current + 1n;
    this.events.push({ revision: next, type: CHECKPOINT_EVENT_TYPE, data: checkpointToJson(checkpoint) });
    return next;
  }

  /** The checkpoints as recorded. */
  checkpoints(): ChainCheckpoint[] {
    return this.events.map((event) => checkpointFromJson(event.data));
  }
}
