import type pg from 'pg';
import type { EventStore, Subscription } from '@lib/event-store';
import { LeaderLock } from './leader-lock.js';
import { LogFeed } from './log-feed.js';
import { projectionLags, type ProjectionLag } from './lag.js';
import { projectionCheckpoint } from './projection-batch.js';
import type { Projection } from './projection.js';
import { Projector, type ProjectorOptions, type ProjectorStatus } from './projector.js';

export interface ProjectorRunnerOptions extends ProjectorOptions {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  /** Connection settings of the leader locks (each projector holds one connection while it leads). */
  readonly lockConnection: pg.ClientConfig;
}

export interface ProjectionReport extends ProjectionLag {
  /** The projector's state on this instance. */
  readonly state: ProjectorStatus['state'];
}

/**
 * Runs a set of projections, one projector each, every one on the instance
 * that holds its lock. Appends (in this process, or NOTIFYed by another) wake
 * them through one watch of the head of the log, which reads no events; they
 * also poll. They read the log through one feed, so projectors woken together
 * share a read.
 */
export class ProjectorRunner {
  readonly projectors: readonly Projector[];
  private waker: Subscription | undefined;
  private started = false;

  constructor(
    readonly projections: readonly Projection[],
    private readonly options: ProjectorRunnerOptions,
  ) {
    const names = new Set<string>();
    for (const projection of projections) {
      if (names.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      names.add(projection.name);
    }
    const feed = new LogFeed(options.store, options.batchSize);
    this.projectors = projections.map(
      (projection) =>
        new Projector(
          projection,
          options.pool,
          options.store,
          new LeaderLock(options.lockConnection, projectionCheckpoint(projection.name)),
          options,
          feed,
        ),
    );
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const projector of this.projectors) projector.start();
    try {
      const head = await this.options.store.headPosition();
      if (!this.started) return;
      this.waker = this.options.store.watchHead({
        fromPosition: head,
        onAdvance: () => this.wakeAll(),
        onError: () => undefined,
      });
    } catch {
      // The projectors poll as well.
    }
  }

  wakeAll(): void {
    for (const projector of this.projectors) projector.wake();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.waker?.stop();
    this.waker = undefined;
    await Promise.all(this.projectors.map((projector) => projector.stop()));
  }

  statuses(): ProjectorStatus[] {
    return this.projectors.map((projector) => projector.status());
  }

  /** Lag and failure of every projection from the stored checkpoints, with this instance's state. */
  async report(now: Date = new Date()): Promise<ProjectionReport[]> {
    const lags = await projectionLags(this.options.store, this.options.pool, this.projections, now);
    return lags.map((lag, i) => ({ ...lag, state: this.projectors[i]!.status().state }));
  }
}
