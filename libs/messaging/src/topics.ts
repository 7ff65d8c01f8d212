import type { z } from 'zod';
import {
  agreementEventSchemas,
  complaintEventSchemas,
  disputeEventSchemas,
  improvementEventSchemas,
  partyEventSchemas,
  reviewEventSchemas,
  serviceLevelEventSchemas,
  supplierEventSchemas,
  surveyEventSchemas,
} from '@lib/domain';

/** A bounded context as published to Kafka: one topic, the streams it owns, the events they hold. */
export interface PublishedContext {
  /** The topic's middle part, e.g. `agreements` in `iso20000.agreements.v1`. */
  readonly name: string;
  /** The stream id prefix of the context's aggregates. */
  readonly streamPrefix: string;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

/** Every bounded context, in the order of DESIGN.md. The audit checkpoints have a topic of their own. */
export const PUBLISHED_CONTEXTS: readonly PublishedContext[] = [
  { name: 'agreements', streamPrefix: 'agreement-', events: agreementEventSchemas },
  { name: 'service-levels', streamPrefix: 'service-level-', events: serviceLevelEventSchemas },
  { name: 'improvements', streamPrefix: 'improvement-', events: improvementEventSchemas },
  { name: 'relationships', streamPrefix: 'party-', events: partyEventSchemas },
  { name: 'suppliers', streamPrefix: 'supplier-', events: supplierEventSchemas },
  { name: 'complaints', streamPrefix: 'complaint-', events: complaintEventSchemas },
  { name: 'satisfaction', streamPrefix: 'survey-', events: surveyEventSchemas },
  { name: 'reviews', streamPrefix: 'review-', events: reviewEventSchemas },
  { name: 'disputes', streamPrefix: 'dispute-', events: disputeEventSchemas },
];

/** The topic of the hash chain's signed checkpoints. */
export const AUDIT_CHECKPOINTS = 'audit-checkpoints';

/** Version of the message contract (envelope and headers); it is the topic names' suffix. */
export const CONTRACT_VERSION = 1;

export interface TopicSettings {
  /** First part of every topic name (default `iso20000`); empty for none. */
  readonly prefix?: string;
  readonly partitions?: number;
  readonly replicationFactor?: number;
}

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

/**
 * Names the topics: `<prefix>.<context>.v<version>`, e.g. `iso20000.agreements.v1`, and routes each
 * stream to the topic of the context that owns it (by stream id prefix).
 */
export class TopicMap {
  readonly prefix: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  private readonly byContext = new Map<string, string>();

  constructor(settings: TopicSettings = {}) {
    this.prefix = settings.prefix ?? 'iso20000';
    this.partitions = settings.partitions ?? 3;
    this.replicationFactor = settings.replicationFactor ?? 1;
    if (!/^[A-Za-z0-9._-]*$/.test(this.prefix)) throw new RangeError(`Invalid topic prefix: ${this.prefix}`);
    if (!Number.isInteger(this.partitions) || this.partitions < 1) throw new RangeError('partitions must be >= 1');
    if (!Number.isInteger(this.replicationFactor) || this.replicationFactor < 1) {
      throw new RangeError('replicationFactor must be >= 1');
    }
    for (const context of PUBLISHED_CONTEXTS) this.byContext.set(context.name, this.name(context.name));
    this.byContext.set(AUDIT_CHECKPOINTS, this.name(AUDIT_CHECKPOINTS));
  }

  /** The topic of a context (`agreements`, ...) or of `audit-checkpoints`. */
  topicOf(contextName: string): string {
    const topic = this.byContext.get(contextName);
    if (!topic) throw new RangeError(`Unknown context: ${contextName}`);
    return topic;
  }

  get auditCheckpointsTopic(): string {
    return this.topicOf(AUDIT_CHECKPOINTS);
  }

  /** The context that owns a stream, or undefined for streams outside every context (not published). */
  contextOf(streamId: string): PublishedContext | undefined {
    return PUBLISHED_CONTEXTS.find((context) => streamId.startsWith(context.streamPrefix));
  }

  contextOfName(name: string): PublishedContext | undefined {
    return PUBLISHED_CONTEXTS.find((context) => context.name === name);
  }

  topicFor(streamId: string): string | undefined {
    const context = this.contextOf(streamId);
    return context && this.topicOf(context.name);
  }

  /** The context of a topic given by its full name or its context name; undefined when it is not one of ours. */
  resolve(topicOrContext: string): { context: string; topic: string } | undefined {
    for (const [context, topic] of this.byContext) {
      if (topicOrContext === topic || topicOrContext === context) return { context, topic };
    }
    return undefined;
  }

  /** Every topic, as created at start. */
  specs(): TopicSpec[] {
    return [...this.byContext.values()].map((topic) => ({
      topic,
      numPartitions: this.partitions,
      replicationFactor: this.replicationFactor,
    }));
  }

  private name(context: string): string {
    return [this.prefix, context, `v${CONTRACT_VERSION}`].filter(Boolean).join('.');
  }
}
