import {
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  NO_STREAM,
  START,
  isCommandError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { ChainCheckpoint } from '../chain/checkpoint.js';
import { checkpointFromJson } from '../chain/checkpoint-json.js';
import {
  CHECKPOINT_EVENT_TYPE,
  readCheckpointRecord,
  toCheckpointEvent,
  type CheckpointEvent,
  type CheckpointRecord,
} from './checkpoint-record.js';

/** The revision of the stream's last event, or `no-stream`: what the next append expects. */
export type CheckpointRevision = bigint | typeof NO_STREAM;

const isEsdbError = (error: unknown, type: ErrorType): boolean =>
  error instanceof Error && isCommandError(error) && error.type === type;

/** The stream of signed chain checkpoints of one store (see `checkpointStreamName`). */
export class CheckpointStream {
  constructor(
    private readonly client: EventStoreDBClient,
    readonly name: string,
  ) {}

  /** Every checkpoint, with any damage the stream or its metadata show. */
  async read(): Promise<CheckpointRecord> {
    const events: CheckpointEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(this.name, { fromRevision: START, direction: FORWARDS })) {
        if (event) events.push({ revision: event.revision, type: event.type, data: event.data });
      }
    } catch (error) {
      if (isEsdbError(error, ErrorType.STREAM_DELETED)) {
        return { checkpoints: [], damage: [{ position: 0n, detail: `${this.name} was deleted` }] };
      }
      if (!isEsdbError(error, ErrorType.STREAM_NOT_FOUND)) throw error;
    }
    const { metadata } = await this.client.getStreamMetadata(this.name);
    return readCheckpointRecord(this.name, events, metadata);
  }

  /** The last checkpoint (undefined when none) and the revision to append after. */
  async last(): Promise<{ checkpoint?: ChainCheckpoint; revision: CheckpointRevision }> {
    let last: CheckpointEvent | undefined;
    try {
      // Read to its end (one event): a read left early would keep the client from closing.
      const read = this.client.readStream(this.name, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
        requiresLeader: true,
      });
      for await (const { event } of read) {
        if (event) last = { revision: event.revision, type: event.type, data: event.data };
      }
    } catch (error) {
      if (!isEsdbError(error, ErrorType.STREAM_NOT_FOUND)) throw error;
    }
    if (!last) return { revision: NO_STREAM };
    if (last.type !== CHECKPOINT_EVENT_TYPE) {
      throw new Error(`The last event of ${this.name} is a ${last.type}, not a checkpoint`);
    }
    return { checkpoint: checkpointFromJson(last.data), revision: last.revision };
  }

  /** Appends a checkpoint after `revision`: its revision, or undefined when another one came first. */
  async append(checkpoint: ChainCheckpoint, revision: CheckpointRevision): Promise<bigint | undefined> {
    try {
      const result = await this.client.appendToStream(this.name, toCheckpointEvent(checkpoint), {
        expectedRevision: revision,
        requiresLeader: true,
      });
      return result.nextExpectedRevision;
    } catch (error) {
      if (isEsdbError(error, ErrorType.WRONG_EXPECTED_VERSION)) return undefined;
      throw error;
    }
  }
}
