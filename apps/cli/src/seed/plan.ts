import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import type { AggregateStore, Decided, DomainEvent } from '../../../api/src/commands/aggregate-store.js';
import type { CommandContext } from '../../../api/src/commands/command-context.js';
import type { AggregateRoutes } from '../../../api/src/http/aggregate-routes.js';

/** Namespace of every id of the demo data set: the same ids on every database. */
const DEMO_NAMESPACE = '6f0d6c1e-2a51-5b7e-9c43-1d2e8a0b4f17';

/** A deterministic id (UUIDv5) for a named thing of the demo data set. */
export const demoId = (name: string): string => uuidv5(`demo:${name}`, DEMO_NAMESPACE);

/** An ISO instant on a calendar day of the demo year, UTC. */
export const on = (day: string, time = '09:00'): string => `${day}T${time}:00Z`;

/** Who records a step, when, and in which storyline (its correlation id). */
export interface When {
  readonly at: string;
  readonly by: string;
  readonly story: string;
}

/**
 * One command of the demo data set, built and validated like an HTTP request
 * of the service: the body passes the route's zod schema, ids come from the
 * (here: deterministic) path and generated ids, and the route's `prepare`
 * hook reads the other streams it needs before the decider runs.
 */
export interface Step {
  readonly at: string;
  readonly story: string;
  /** e.g. `agreements DraftAgreement`. */
  readonly label: string;
  readonly streamId: string;
  /** Deterministic id of this command: the causation id of its events. */
  readonly commandId: string;
  readonly run: (aggregates: AggregateStore, context: CommandContext) => Promise<Decided>;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const paramNames = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);

/** Builds one step through a route table of the service; a body the service would refuse throws here, before any write. */
export function step<Command, Event extends DomainEvent, State>(
  routes: AggregateRoutes<Command, Event, State>,
  commandType: string,
  ids: Readonly<Record<string, string>>,
  body: object,
  when: When,
): Step {
  const route = routes.commands.find((candidate) => candidate.command === commandType);
  const label = `${routes.name} ${commandType}`;
  if (!route) throw new Error(`demo data: ${routes.name} has no command ${commandType}`);
  const needed = [...(route.path === '' ? [routes.idParam] : []), ...paramNames(route.path), ...(route.newIds ?? [])];
  for (const name of needed) {
    const value = ids[name];
    if (value === undefined || !SAFE_ID.test(value)) throw new Error(`demo data: ${label} needs a valid id ${name}`);
  }
  const parsed = route.body.safeParse(body);
  if (!parsed.success) throw new Error(`demo data: ${label} at ${when.at}: ${z.prettifyError(parsed.error)}`);
  const command = { ...(parsed.data as object), ...ids, type: commandType, at: when.at, by: when.by } as Command;
  const streamId = routes.streamId({ ...ids });
  const commandId = demoId(`command:${streamId}:${commandType}:${when.at}:${JSON.stringify(ids)}`);
  return {
    at: when.at,
    story: when.story,
    label,
    streamId,
    commandId,
    async run(aggregates, context) {
      const complete = route.prepare ? await route.prepare(command, aggregates) : command;
      return aggregates.execute(routes.aggregate, streamId, complete, context);
    },
  };
}

/** Steps in the order they happened: by `at`, and in the order written for the same instant. */
export function chronological(steps: readonly Step[]): Step[] {
  return steps
    .map((candidate, index) => ({ candidate, index, millis: Date.parse(candidate.at) }))
    .sort((a, b) => a.millis - b.millis || a.index - b.index)
    .map(({ candidate }) => candidate);
}

/** A small deterministic pseudo-random generator (mulberry32), seeded from a text. */
export function randomFrom(seed: string): () => number {
  let state = 0;
  for (let i = 0; i < seed.length; i++) state = (Math.imul(state, 31) + seed.charCodeAt(i)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
