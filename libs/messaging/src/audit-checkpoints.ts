import { createHash } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { toCheckpoint, type ChainCheckpoint, type CheckpointRow } from '@lib/event-store';
import { CONTENT_TYPE, HEADERS } from './envelope.js';
import type { OutboundMessage } from './publisher.js';
import type { TopicMap } from './topics.js';

/**
 * Where the relay finds the signed checkpoints of the hash chain, in position order. The
 * PostgreSQL one reads `event_checkpoints`; an adapter without that table (EventStoreDB) can
 * provide its own, or none (then the audit-checkpoints topic stays empty).
 */
export interface AuditCheckpointSource {
  /** Checkpoints with a position strictly greater than `afterPosition`, oldest first. */
  after(afterPosition: bigint, limit: number): Promise<ChainCheckpoint[]>;
}

export class PostgresAuditCheckpointSource implements AuditCheckpointSource {
  constructor(private readonly pool: pg.Pool) {}

  async after(afterPosition: bigint, limit: number): Promise<ChainCheckpoint[]> {
    const { rows } = await this.pool.query<CheckpointRow>(
      `SELECT position, previous_position, hash, entries, signed_at, algorithm, key_id, signature
       FROM event_checkpoints WHERE position > $1 ORDER BY position LIMIT $2`,
      [afterPosition.toString(), limit],
    );
    return rows.map(toCheckpoint);
  }
}

/** The JSON value of an audit checkpoint message. */
export const auditCheckpointMessageSchema = z
  .object({
    kind: z.literal('event-store-checkpoint/1'),
    position: z
      .string()
      .regex(/^[1-9][0-9]*$/)
      .describe('The chain covers the log up to this global position (decimal string)'),
    previousPosition: z
      .string()
      .regex(/^(0|[1-9][0-9]*)$/)
      .describe('The checkpoint before this one (0 for the first)'),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('Hex SHA-256 chain hash of the event at `position`'),
    entries: z
      .string()
      .describe('Base64: for each event in (previousPosition, position], 8 bytes of position and 8 bytes of its hash'),
    entriesHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('Hex SHA-256 of the decoded entries (signed)'),
    signedAt: z.iso.datetime({ offset: true }),
    algorithm: z.enum(['ed25519', 'hmac-sha256']),
    keyId: z.string(),
    signature: z.string().describe('Base64 signature over the canonical JSON of the other signed fields'),
  })
  .describe("A signed checkpoint of the event store's hash chain (tamper evidence)");

export type AuditCheckpointMessage = z.infer<typeof auditCheckpointMessageSchema>;

/** Key of every audit checkpoint message: one key, so they stay in order on one partition. */
export const AUDIT_CHECKPOINT_KEY = 'event-store';
export const AUDIT_CHECKPOINT_TYPE = 'ChainCheckpointSigned';

export function toAuditCheckpointMessage(
  checkpoint: ChainCheckpoint,
  topics: TopicMap,
  options: { replay?: boolean } = {},
): OutboundMessage {
  const value: AuditCheckpointMessage = {
    kind: 'event-store-checkpoint/1',
    position: checkpoint.position.toString(),
    previousPosition: checkpoint.previousPosition.toString(),
    hash: checkpoint.hash,
    entries: checkpoint.entries.toString('base64'),
    entriesHash: createHash('sha256').update(checkpoint.entries).digest('hex'),
    signedAt: checkpoint.signedAt.toISOString(),
    algorithm: checkpoint.algorithm,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
  return {
    topic: topics.auditCheckpointsTopic,
    key: AUDIT_CHECKPOINT_KEY,
    value: JSON.stringify(value),
    headers: {
      [HEADERS.eventId]: `checkpoint-${value.position}`,
      [HEADERS.eventType]: AUDIT_CHECKPOINT_TYPE,
      [HEADERS.contentType]: CONTENT_TYPE,
      ...(options.replay ? { [HEADERS.replay]: 'true' } : {}),
    },
  };
}
