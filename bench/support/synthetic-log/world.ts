import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import {
  agreementEventSchemas,
  complaintEventSchemas,
  disputeEventSchemas,
  improvementEventSchemas,
  partyEventSchemas,
  reviewEventSchemas,
  serviceLevelEventSchemas,
  supplierEventSchemas,
  type IsoClause,
} from '../../../libs/domain/src/index.js';
import type { NewEvent } from '../../../libs/event-store/src/index.js';

export interface SyntheticAppend {
  readonly streamId: string;
  readonly events: NewEvent[];
}

/** Who issued a command, in which flow: what the service puts in every event's metadata. */
export interface Command {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
}

export const MONITORING = `key:${randomUUID()}`;
export const IMPROVEMENT_REACTION = 'system:raise-improvement-opportunities';
export const NEXT_REVIEW_REACTION = 'system:schedule-next-review';

const schemas: Record<string, ZodType> = {
  ...agreementEventSchemas,
  ...serviceLevelEventSchemas,
  ...improvementEventSchemas,
  ...partyEventSchemas,
  ...complaintEventSchemas,
  ...reviewEventSchemas,
  ...disputeEventSchemas,
  ...supplierEventSchemas,
};

export const pad = (n: number) => String(n).padStart(2, '0');
export const day = (year: number, month: number, dayOfMonth: number) =>
  new Date(Date.UTC(year, month - 1, dayOfMonth)).toISOString().slice(0, 10);
export const instant = (year: number, month: number, dayOfMonth: number, hour = 9, minute = 0) =>
  new Date(Date.UTC(year, month - 1, dayOfMonth, hour, minute)).toISOString();
export const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
export const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export const PEOPLE = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
];
export const SERVICES = ['payroll', 'hr-portal', 'e-invoicing', 'fleet-tracking', 'records', 'service-desk', 'hosting'];

export class World {
  readonly provider = randomUUID();
  readonly internalTeams = [randomUUID(), randomUUID(), randomUUID()];
  private readonly checked = new Map<string, number>();
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: fast, seeded, good enough for synthetic values. */
  random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  person(): string {
    return `person-${this.pick(PEOPLE)}`;
  }

  /** A command by a person (their token's subject is the actor), in a flow of its own unless given one. */
  command(by = this.person(), correlationId: string = randomUUID()): Command & { by: string } {
    return { actor: by, by, correlationId, causationId: randomUUID() };
  }

  /** The first events of each type are checked against the schema the service validates with. */
  check(event: NewEvent): void {
    const seen = this.checked.get(event.type) ?? 0;
    if (seen >= 3) return;
    this.checked.set(event.type, seen + 1);
    const schema = schemas[event.type];
    if (!schema) throw new Error(`synthetic log: no schema for ${event.type}`);
    const parsed = schema.safeParse(event.data);
    if (!parsed.success) throw new Error(`synthetic log: invalid ${event.type}: ${parsed.error.message}`);
  }
}

export function recorded(command: Command, type: string, data: Record<string, unknown>, clauses: readonly IsoClause[]) {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: command.actor,
      correlationId: command.correlationId,
      causationId: command.causationId,
      clauses: [...clauses],
    },
  } satisfies NewEvent;
}
