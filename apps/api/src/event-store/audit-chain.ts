import {
  ChainSealer,
  verifyChainInParallel,
  type ChainCheckpoint,
  type ChainVerification,
  type EventStore,
  type SigningKey,
  type VerificationKey,
} from '@lib/event-store';
import type { EventStoreDbChainSealer, EventStoreDbEventStore } from '@lib/event-store/eventstoredb/index.js';

type EventStoreDbModule = typeof import('@lib/event-store/eventstoredb/index.js');
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { auditSigningKey } from './signing-key.js';

export const AUDIT_CHAIN = Symbol('AuditChain');

/** The tamper-evident chain over the configured event store: sealing, signed checkpoints, verification. */
export interface AuditChain {
  /** Seals in the background, right after events are stored, until `stop()`. */
  start(onError: (error: unknown) => void): void;
  stop(): Promise<void>;
  /** Seals what is pending and signs a checkpoint at the head; undefined when the log is empty. */
  checkpoint(): Promise<ChainCheckpoint | undefined>;
  /** Recomputes the chain over the whole log and checks it against every signed checkpoint. */
  verify(verificationKeys: readonly VerificationKey[]): Promise<ChainVerification>;
  /** How far sealing has got, for the health check. */
  progress(): Promise<Record<string, string>>;
}

/** The chain of `log`, the adapter `openEventLog` gave (events as stored, not decrypted). */
export async function openAuditChain(config: Configuration, database: Database, log: EventStore): Promise<AuditChain> {
  const signingKey = auditSigningKey(config);
  if (config.EVENT_STORE !== 'eventstoredb') return new PostgresAuditChain(database, log, signingKey);
  const eventstoredb = await import('@lib/event-store/eventstoredb/index.js');
  if (!(log instanceof eventstoredb.EventStoreDbEventStore)) throw new Error('The event log is not EventStoreDB');
  return new EventStoreDbAuditChain(eventstoredb, log, signingKey);
}

/** Hashes per event in `event_hashes`, checkpoints in `event_checkpoints`. */
class PostgresAuditChain implements AuditChain {
  private background: ChainSealer | undefined;

  constructor(
    private readonly database: Database,
    private readonly log: EventStore,
    private readonly signingKey: SigningKey,
  ) {}

  start(onError: (error: unknown) => void): void {
    this.background ??= new ChainSealer(this.database.pool, { signingKey: this.signingKey, onError });
    this.background.start();
  }

  async stop(): Promise<void> {
    await this.background?.stop();
  }

  checkpoint(): Promise<ChainCheckpoint | undefined> {
    return new ChainSealer(this.database.pool, { signingKey: this.signingKey }).checkpoint();
  }

  verify(verificationKeys: readonly VerificationKey[]): Promise<ChainVerification> {
    return verifyChainInParallel(this.database.pool, { verificationKeys });
  }

  async progress(): Promise<Record<string, string>> {
    const { rows } = await this.database.pool.query<{ sealed: string }>(
      'SELECT coalesce(max(global_position), 0) AS sealed FROM event_hashes',
    );
    const sealed = rows[0]!.sealed;
    const head = await this.log.headPosition();
    return { sealedUpTo: sealed, head: head.toString(), unsealed: (head - BigInt(sealed)).toString() };
  }
}

/** The chain after the last checkpoint in the sealer's memory, checkpoints in the store's checkpoint stream. */
class EventStoreDbAuditChain implements AuditChain {
  private readonly sealer: EventStoreDbChainSealer;
  private onError: ((error: unknown) => void) | undefined;

  constructor(
    private readonly eventstoredb: EventStoreDbModule,
    private readonly log: EventStoreDbEventStore,
    signingKey: SigningKey,
  ) {
    this.sealer = new eventstoredb.EventStoreDbChainSealer(log, {
      signingKey,
      onError: (error) => this.onError?.(error),
    });
  }

  start(onError: (error: unknown) => void): void {
    this.onError = onError;
    this.sealer.start();
  }

  stop(): Promise<void> {
    return this.sealer.stop();
  }

  checkpoint(): Promise<ChainCheckpoint | undefined> {
    return this.sealer.checkpoint();
  }

  verify(verificationKeys: readonly VerificationKey[]): Promise<ChainVerification> {
    return this.eventstoredb.verifyEventStoreDbChain(this.log, { verificationKeys });
  }

  async progress(): Promise<Record<string, string>> {
    const { checkpointedUpTo, chainedUpTo, pending } = this.sealer.progress();
    const head = await this.log.headPosition();
    return {
      checkpointedUpTo: checkpointedUpTo.toString(),
      chainedUpTo: chainedUpTo.toString(),
      pending: pending.toString(),
      head: head.toString(),
    };
  }
}
