import { Injectable } from '@nestjs/common';

export type ComponentStatus = 'up' | 'down' | 'disabled';

export interface ComponentHealth {
  status: ComponentStatus;
  [detail: string]: unknown;
}

export interface HealthCheck {
  /** Key in the /health answer, e.g. `eventStore`. */
  readonly name: string;
  /** When a critical component is down the service answers 503. */
  readonly critical: boolean;
  check(): Promise<ComponentHealth>;
}

/** Components register their checks here; /health asks each of them. */
@Injectable()
export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];

  register(check: HealthCheck): void {
    this.checks.push(check);
  }

  async report(): Promise<{ healthy: boolean; components: Record<string, ComponentHealth> }> {
    const results = await Promise.all(
      this.checks.map(async (check) => {
        const health = await withTimeout(check.check(), 3_000).catch((error: unknown): ComponentHealth => ({
          status: 'down',
          error: errorMessage(error),
        }));
        return { check, health };
      }),
    );
    return {
      healthy: results.every(({ check, health }) => !check.critical || health.status !== 'down'),
      components: Object.fromEntries(results.map(({ check, health }) => [check.name, health])),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
