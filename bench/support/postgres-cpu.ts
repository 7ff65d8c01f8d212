import type pg from 'pg';
import { cpuSecondsOf } from './server-process.js';

/**
 * CPU time of the PostgreSQL backends serving one database, read from /proc (the server runs on this
 * machine). Backends that exit between two readings lose their share, so a reading is a lower bound.
 */
export class DatabaseCpu {
  private last = new Map<number, number>();

  constructor(private readonly pool: pg.Pool) {}

  /** Starts counting from now. */
  async reset(): Promise<void> {
    this.last = await this.backends();
  }

  /** CPU seconds the backends used since the last reset. */
  async used(): Promise<number> {
    const now = await this.backends();
    let total = 0;
    for (const [pid, seconds] of now) total += seconds - (this.last.get(pid) ?? 0);
    return total;
  }

  private async backends(): Promise<Map<number, number>> {
    const { rows } = await this.pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, cpuSecondsOf(pid));
      } catch {
        // Not on this machine, or just exited.
      }
    }
    return cpu;
  }
}
