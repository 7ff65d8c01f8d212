import { Inject, Injectable } from '@nestjs/common';
import {
  buildEvidencePack,
  periodOf,
  queryTrail,
  recordAsOf,
  registersOfPeriod,
  renderCharts,
  sampleRecords,
  toJson,
  traceEvent,
  type SampleKind,
  type TrailFilter,
} from '@lib/audit';
import type { IsoClause } from '@lib/domain';
import { createCheckpointSigner, PersonKeys, type EventStore } from '@lib/event-store';
import { createPublicKey } from 'node:crypto';
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { AUDIT_CHAIN, type AuditChain } from '../event-store/audit-chain.js';
import { auditSigningKey } from '../event-store/signing-key.js';
import { CONFIGURATION, DATABASE, EVENT_STORE } from '../tokens.js';

/** What the auditor's routes read: the trail, traces, records as of a date, samples, the chain, evidence. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonKeys) private readonly keys: PersonKeys,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(AUDIT_CHAIN) private readonly chain: AuditChain,
  ) {}

  trail(filter: TrailFilter, page: { after?: bigint; limit: number }) {
    return queryTrail(this.database.pool, this.keys, filter, page);
  }

  trace(eventId: string) {
    return traceEvent(this.database.pool, this.keys, eventId);
  }

  record(streamId: string, asOf: Date) {
    return recordAsOf(this.store, streamId, asOf);
  }

  sample(options: { kind: SampleKind; from?: string; to?: string; size: number; seed: string }) {
    const period =
      options.from || options.to ? periodOf(options.from ?? '1970-01-01', options.to ?? '9999-12-30') : undefined;
    return sampleRecords(this.database.pool, { ...options, from: period?.from, to: period?.to });
  }

  async verification() {
    const key = auditSigningKey(this.config);
    const signer = createCheckpointSigner(key);
    const started = Date.now();
    // The chain of the configured store: PostgreSQL's hash table, or EventStoreDB's checkpoint stream.
    const result = await this.chain.verify([key]);
    const progress = await this.chain.progress();
    return JSON.parse(
      toJson({
        checkedAt: new Date().toISOString(),
        milliseconds: Date.now() - started,
        ...result,
        ...progress,
        key: {
          algorithm: signer.algorithm,
          keyId: signer.keyId,
          ...(typeof key === 'string'
            ? {}
            : { publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }) }),
        },
      }),
    ) as Record<string, unknown>;
  }

  evidence(options: { from: string; to: string; clause?: IsoClause; createdBy: string }) {
    return buildEvidencePack(this.database.pool, this.keys, {
      period: periodOf(options.from, options.to),
      clause: options.clause,
      signingKey: auditSigningKey(this.config),
      createdBy: options.createdBy,
    });
  }

  async charts(options: { from: string; to: string }) {
    const period = periodOf(options.from, options.to);
    const head = await this.store.headPosition();
    const registers = await registersOfPeriod(this.database.pool, this.keys, period, head);
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      charts: renderCharts(registers, period),
    };
  }
}
