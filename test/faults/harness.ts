import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PersonKeys, PersonalDataEventStore, PostgresEventStore } from '@lib/event-store';
import { rebuildProjections, type Projection } from '@lib/projections';
import { ApiKeys } from '../../apps/api/src/auth/api-keys.js';
import { projections } from '../../apps/api/src/projections/projections.js';
import { compile, SERVICE_SOURCES, until, type ServiceProcess } from '../support/service-process.js';

/** Generous: a loaded 2-core machine compiles, starts brokers and JVMs slowly. */
export const FAULT_TEST_TIMEOUT = 600_000;

export const compileService = () => compile('service', SERVICE_SOURCES);

/** An X-API-Key header for a relationship manager, created straight in the service's database. */
export async function managerKey(databaseUrl: string): Promise<Record<string, string>> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { key } = await new ApiKeys(pool).create('relationship-manager', 'fault test');
    return { 'X-API-Key': key };
  } finally {
    await pool.end();
  }
}

export interface RecordedEventRef {
  readonly eventId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
}

/** A command the service answered with a 2xx: what it says it recorded. */
export interface Acknowledged {
  readonly streamId: string;
  readonly events: readonly RecordedEventRef[];
}

/** A command the service did not acknowledge: its status (0 when no answer came) and body. */
export interface Refused {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

const complaint = () => ({
  customerId: 'customer-1',
  serviceId: 'email',
  description: 'Mail delivery delayed by hours',
  channel: 'email',
  receivedAt: '2026-03-02T09:00:00Z',
});

/**
 * Commands from `workers` concurrent senders, each waiting `pauseMs` before every command: a
 * sender records a complaint, then actions on it, so that every stream gets several events in
 * order. Keeps every answer.
 */
export class CommandLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly refused: Refused[] = [];
  private running = true;
  private readonly senders: Promise<void>[];

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
    workers: number,
    private readonly pauseMs = 0,
    private readonly actionsPerComplaint = 4,
  ) {
    this.senders = Array.from({ length: workers }, () => this.send());
  }

  /** Answers no other than 2xx and those `allowed` lets pass. */
  unexpected(allowed: (refused: Refused) => boolean = () => false): Refused[] {
    return this.refused.filter((refused) => !allowed(refused));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.senders);
  }

  private async send(): Promise<void> {
    while (this.running) {
      const recorded = await this.command('/complaints', complaint());
      for (let action = 0; recorded && action < this.actionsPerComplaint && this.running; action++) {
        const id = recorded.streamId.replace(/^complaint-/, '');
        if (!(await this.command(`/complaints/${id}/actions`, { action: `call back ${action}` }))) break;
      }
    }
  }

  private async command(path: string, body: unknown): Promise<Acknowledged | undefined> {
    if (this.pauseMs) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method: 'POST',
        headers: { ...this.headers, 'Content-Type': 'application/json', 'X-Request-Id': randomUUID() },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch {
      // No answer (the process died, or the connection was cut): the outcome is unknown, not acknowledged.
      this.refused.push({ status: 0, contentType: '', body: undefined });
      return undefined;
    }
    const text = await response.text().catch(() => '');
    const parsed = parse(text);
    if (response.ok) {
      const acknowledged = parsed as Acknowledged;
      this.acknowledged.push({ streamId: acknowledged.streamId, events: acknowledged.events });
      return acknowledged;
    }
    this.refused.push({
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: parsed,
    });
    return undefined;
  }
}

/** Waits until `load` has `count` commands acknowledged; fails at once if the service ends. */
export const acknowledgedAtLeast = (service: ServiceProcess, load: CommandLoad, count: number) =>
  until(
    () => {
      service.expectRunning();
      return load.acknowledged.length >= count;
    },
    120_000,
    `${count} commands acknowledged`,
  );

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The service's /health answer (or undefined while it does not answer). */
export async function health(baseUrl: string): Promise<{ status: number; body: HealthBody } | undefined> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: (await response.json()) as HealthBody };
  } catch {
    return undefined;
  }
}

export interface HealthBody {
  status: string;
  components: {
    kafkaRelay?: { status: string; state?: string; positionsBehind?: number; head?: string; position?: string };
    projections?: { status: string; projections: { name: string; behind: string; failure?: unknown }[] };
    [name: string]: unknown;
  };
}

/** Waits until every projection of the service has applied the whole log. */
export const projectionsCaughtUp = (baseUrl: string) =>
  until(
    async () => {
      const projected = (await health(baseUrl))?.body.components.projections;
      return !!projected && projected.projections.every((p) => p.behind === '0' && !p.failure);
    },
    120_000,
    'the read models catch up',
  );

export interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
}

/** Every event in the store, in global order. */
export async function storedEvents(pool: pg.Pool): Promise<StoredEvent[]> {
  const { rows } = await pool.query<StoredEvent>(
    `SELECT event_id AS "eventId", stream_id AS "streamId", stream_version AS "streamVersion",
            global_position::text AS "globalPosition"
       FROM events ORDER BY global_position`,
  );
  return rows;
}

/** Every row of every read model, in a stable order. */
async function readModelContents(pool: pg.Pool): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of projections.flatMap((projection: Projection) => projection.tables)) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`);
    tables[table] = rows.map((row) => row.row).sort();
  }
  return tables;
}

/** The read models as the service built them, and as a clean rebuild from the log builds them. */
export async function readModelsAndRebuild(
  databaseUrl: string,
): Promise<{ built: Record<string, string[]>; rebuilt: Record<string, string[]> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  try {
    const built = await readModelContents(pool);
    const store = new PersonalDataEventStore(new PostgresEventStore(pool), new PersonKeys(pool));
    await rebuildProjections(projections, { pool, store, lockConnection: { connectionString: databaseUrl } });
    return { built, rebuilt: await readModelContents(pool) };
  } finally {
    await pool.end();
  }
}
