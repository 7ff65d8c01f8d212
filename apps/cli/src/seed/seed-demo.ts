import { DomainError } from '@lib/domain';
import type { EventStore } from '@lib/event-store';
import { AggregateStore, type Decided } from '../../../api/src/commands/aggregate-store.js';
import { agreementSteps } from './agreements.js';
import { chronological, demoId, type Step } from './plan.js';
import { relationshipSteps } from './relationships.js';
import { reviewSteps } from './reviews.js';
import { serviceLevelSteps } from './service-levels.js';
import { supplierAndDisputeSteps } from './suppliers.js';

/** The actor recorded in the metadata of every seeded event: the data set says where it came from. */
export const DEMO_ACTOR = 'system:demo-seed';

/** The kinds of stream, by the prefix of their ids, in the order the summary shows them. */
export const STREAM_KINDS = [
  ['service-level-', 'service level periods'],
  ['party-', 'parties'],
  ['supplier-', 'suppliers'],
  ['agreement-', 'agreements'],
  ['complaint-', 'complaints'],
  ['survey-', 'surveys'],
  ['review-', 'reviews'],
  ['dispute-', 'disputes'],
  ['improvement-', 'improvements'],
] as const;
export type StreamKind = (typeof STREAM_KINDS)[number][1];

export const streamKindOf = (streamId: string): StreamKind | 'other' =>
  STREAM_KINDS.find(([prefix]) => streamId.startsWith(prefix))?.[1] ?? 'other';

/** Every command of the demo data set, validated, in the order they happened. */
export function demoPlan(): Step[] {
  return chronological([
    ...relationshipSteps(),
    ...supplierAndDisputeSteps(),
    ...agreementSteps(),
    ...serviceLevelSteps(),
    ...reviewSteps(),
  ]);
}

export interface SeedProgress {
  readonly done: number;
  readonly total: number;
  readonly events: number;
}

export interface SeedResult {
  /** `already-present`: the demo data was found and nothing was written. */
  readonly outcome: 'seeded' | 'already-present';
  readonly commands: number;
  readonly events: number;
  /** Per kind of stream: how many streams the run wrote to, and how many events. */
  readonly streams: Readonly<Record<string, { streams: number; events: number }>>;
  readonly seconds: number;
  /** When the data was already present: whether the last command of the plan had been written too. */
  readonly complete?: boolean;
}

/**
 * Writes the demo data set through the service's own command pipeline: every
 * command goes through its route's validation and `prepare` hook and the
 * context's decider, and is appended with the expected version, as if it came
 * over HTTP. Consequences the service records by itself (improvement
 * opportunities from breaches, complaints and surveys; the review after the
 * last one held) are left to its reactions, which pick the events up from
 * the log once it runs.
 *
 * Ids are deterministic: when the first stream of the data set exists, the
 * data is already there and nothing is written.
 */
export async function seedDemo(
  store: EventStore,
  onProgress: (progress: SeedProgress) => void = () => undefined,
): Promise<SeedResult> {
  const started = Date.now();
  const plan = demoPlan();
  const [first, last] = [plan[0]!, plan[plan.length - 1]!];
  if ((await store.readStream(first.streamId)).length > 0) {
    const complete = (await store.readStream(last.streamId)).length > 0;
    return { outcome: 'already-present', commands: 0, events: 0, streams: {}, seconds: 0, complete };
  }

  const aggregates = new AggregateStore(store);
  const streams = new Map<string, { streams: Set<string>; events: number }>();
  let events = 0;
  for (const [index, current] of plan.entries()) {
    let decided: Decided;
    try {
      decided = await current.run(aggregates, {
        actor: DEMO_ACTOR,
        correlationId: demoId(`story:${current.story}`),
        causationId: current.commandId,
      });
    } catch (error) {
      // With the service running, its reaction may already have opened the record this step
      // opens (the review after one held): the step is then done.
      if (error instanceof DomainError && error.kind === 'already-exists') {
        onProgress({ done: index + 1, total: plan.length, events });
        continue;
      }
      const reason = (error as Error).message ?? String(error);
      throw new Error(
        `demo data: ${current.label} on ${current.streamId} at ${current.at} was refused after ${index} commands: ${reason}`,
        { cause: error },
      );
    }
    const kind = streamKindOf(current.streamId);
    const tally = streams.get(kind) ?? { streams: new Set<string>(), events: 0 };
    tally.streams.add(current.streamId);
    tally.events += decided.events.length;
    streams.set(kind, tally);
    events += decided.events.length;
    onProgress({ done: index + 1, total: plan.length, events });
  }
  return {
    outcome: 'seeded',
    commands: plan.length,
    events,
    streams: Object.fromEntries(
      [...streams].map(([kind, tally]) => [kind, { streams: tally.streams.size, events: tally.events }]),
    ),
    seconds: (Date.now() - started) / 1000,
  };
}
