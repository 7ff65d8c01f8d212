import type pg from 'pg';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { ProjectorRunner, type ProjectionReport } from '@lib/projections';
import { runsProcessor, type Configuration } from '../config/configuration.js';
import { openPool, type Database } from '../database/database.js';
import { HealthRegistry } from '../health/health-registry.js';
import { CONFIGURATION, DATABASE, EVENT_STORE } from '../tokens.js';
import { projections } from './projections.js';

/** A projection's report as JSON (positions as text). */
export const reportJson = (report: ProjectionReport) => ({
  name: report.name,
  state: report.state,
  position: report.position.toString(),
  head: report.head.toString(),
  behind: report.behind.toString(),
  secondsBehind: report.secondsBehind,
  ...(report.failure
    ? {
        failure: {
          position: report.failure.position.toString(),
          message: report.failure.message,
          at: report.failure.at.toISOString(),
        },
      }
    : {}),
});

/**
 * Runs every projection of `projections.ts` in this process (each on the one
 * instance holding its lock) and reports their lag and failures on /health
 * under `projections`.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  readonly runner: ProjectorRunner;
  /** The projectors' transactions get connections of their own (one each at most), so they never queue behind commands. */
  private readonly pool: pg.Pool;

  constructor(
    private readonly health: HealthRegistry,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DATABASE) database: Database,
  ) {
    this.pool = openPool(database.url, (line) => this.logger.warn(line), projections.length);
    this.runner = new ProjectorRunner(projections, {
      pool: this.pool,
      store,
      lockConnection: { connectionString: database.url },
      log: (level, message, detail) => this.logger[level === 'info' ? 'log' : level]({ ...detail, msg: message }),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!runsProcessor(this.config, 'projections')) {
      this.health.register({ name: 'projections', critical: false, check: async () => ({ status: 'disabled' }) });
      return;
    }
    await this.runner.start();
    this.health.register({
      name: 'projections',
      critical: false,
      check: async () => {
        const reports = await this.runner.report();
        return {
          status: reports.some((report) => report.failure) ? 'down' : 'up',
          projections: reports.map(reportJson),
        };
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.pool.end();
  }
}
