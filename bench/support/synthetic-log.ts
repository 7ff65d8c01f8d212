/**
 * A realistic event log of any size for benchmarks: customer accounts, each with its customer and
 * supplier parties, supplier management, an SLA, an underpinning contract (and for some an OLA with
 * an internal team), negotiated and activated; a year of monthly service level periods with daily
 * measurements (the bulk of any real log), weekly workload, exceptions, corrections and judgements;
 * improvements raised from breaches, complaints, reviews, disputes and customer communications.
 * Every event matches its zod schema (the first ones of each type are checked) and carries the
 * metadata the service records: actor, correlation and causation ids, ISO clauses.
 */
import type { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { accountPlan, setupPlan } from './synthetic-log/accounts.js';
import {
  IMPROVEMENT_REACTION,
  MONITORING,
  NEXT_REVIEW_REACTION,
  PEOPLE,
  World,
  type SyntheticAppend,
} from './synthetic-log/world.js';

export type { SyntheticAppend } from './synthetic-log/world.js';

export interface SyntheticLogOptions {
  /** Exactly this many events are written. */
  readonly events: number;
  /** Accounts written at once, each by its own sequence of appends (default 4). */
  readonly concurrency?: number;
  /** Seed of the values (breaches, measurements); ids are always fresh (default 1). */
  readonly seed?: number;
  readonly onProgress?: (written: number) => void;
}

export interface SyntheticLog {
  readonly events: number;
  /** Every agreement the log has a stream for. */
  readonly agreementIds: string[];
  /** Every party the log has a stream for (customers, suppliers, internal teams, the provider). */
  readonly partyIds: string[];
  /** The people and systems recorded as actors. */
  readonly actors: string[];
  /** Server clock before the first and after the last append: every recorded_at lies in between. */
  readonly from: Date;
  readonly to: Date;
}

/** Events of one stream, appended in order. */
const APPEND_SIZE = 100;

/**
 * The log as appends, one customer account at a time (the shared parties first): each account is a
 * list of waves, whose appends may run in any order once the waves before them are written. Cut to
 * exactly `events` events.
 */
export function* syntheticAccounts(events: number, seed = 1): Generator<SyntheticAppend[][]> {
  const world = new World(seed);
  let remaining = events;
  const budgeted = (plan: SyntheticAppend[][]): SyntheticAppend[][] =>
    plan.map((wave) =>
      wave.flatMap((append) => {
        const cut = append.events.slice(0, Math.max(0, remaining));
        remaining -= cut.length;
        for (const event of cut) world.check(event);
        return cut.length ? [{ streamId: append.streamId, events: cut }] : [];
      }),
    );
  yield budgeted(setupPlan(world));
  for (let account = 0; remaining > 0; account++) yield budgeted(accountPlan(world, account));
}

/** Writes the log through `appendToStream`, `concurrency` accounts at a time, up to 100 events per append. */
export async function writeSyntheticLog(
  store: PostgresEventStore,
  options: SyntheticLogOptions,
): Promise<SyntheticLog> {
  const accounts = syntheticAccounts(options.events, options.seed);
  const from = await serverNow(store);
  const agreementIds = new Set<string>();
  const partyIds = new Set<string>();
  const versions = new Map<string, number>();
  let written = 0;
  const write = async (appends: SyntheticAppend[]) => {
    for (const { streamId, events } of appends) {
      for (let i = 0; i < events.length; i += APPEND_SIZE) {
        const batch = events.slice(i, i + APPEND_SIZE);
        const version = versions.get(streamId) ?? -1;
        versions.set(streamId, version + batch.length);
        await store.appendToStream(streamId, batch, { expectedVersion: version === -1 ? 'no-stream' : version });
        written += batch.length;
        options.onProgress?.(written);
      }
      if (streamId.startsWith('agreement-')) agreementIds.add(streamId.slice('agreement-'.length));
      if (streamId.startsWith('party-')) partyIds.add(streamId.slice('party-'.length));
    }
  };
  const setup = accounts.next();
  if (!setup.done) for (const wave of setup.value) await write(wave);
  await Promise.all(
    Array.from({ length: options.concurrency ?? 4 }, async () => {
      for (let next = accounts.next(); !next.done; next = accounts.next()) {
        for (const wave of next.value) await write(wave);
      }
    }),
  );
  return {
    events: written,
    agreementIds: [...agreementIds],
    partyIds: [...partyIds],
    actors: syntheticActors(),
    from,
    to: await serverNow(store),
  };
}

/** The people and systems the log records as actors. */
export const syntheticActors = (): string[] => [
  ...PEOPLE.map((name) => `person-${name}`),
  MONITORING,
  IMPROVEMENT_REACTION,
  NEXT_REVIEW_REACTION,
];

async function serverNow(store: PostgresEventStore): Promise<Date> {
  const { rows } = await store.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  return rows[0]!.now;
}
