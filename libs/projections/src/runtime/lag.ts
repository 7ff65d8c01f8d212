import type pg from 'pg';
import type { EventStore } from '@lib/event-store';
import { CheckpointStore } from './checkpoint-store.js';
import { projectionCheckpoint, projectionFilter } from './projection-batch.js';
import type { Projection } from './projection.js';

export interface ProjectionLag {
  readonly name: string;
  /** The stored checkpoint: every event up to it is in the read model. */
  readonly position: bigint;
  readonly head: bigint;
  /** Positions of the log after the checkpoint (events of any type). */
  readonly behind: bigint;
  /** Now minus the recorded-at of the oldest event the projection has still to apply (0 when none). */
  readonly secondsBehind: number;
  readonly updatedAt?: Date;
  /** The event it stopped at, as recorded with its checkpoint. */
  readonly failure?: { readonly position: bigint; readonly message: string; readonly at: Date };
}

/** How far each projection is behind the head of the log, from the stored checkpoints (so any instance can tell). */
export async function projectionLags(
  store: EventStore,
  pool: pg.Pool,
  projections: readonly Projection[],
  now: Date = new Date(),
): Promise<ProjectionLag[]> {
  const [head, checkpoints] = await Promise.all([store.headPosition(), new CheckpointStore(pool).all()]);
  return Promise.all(
    projections.map(async (projection) => {
      const checkpoint = checkpoints.find((stored) => stored.name === projectionCheckpoint(projection.name));
      const position = checkpoint?.position ?? 0n;
      const [oldest] =
        head > position
          ? await store.readAll({ fromPosition: position, limit: 1, filter: projectionFilter(projection) })
          : [];
      return {
        name: projection.name,
        position,
        head,
        behind: head > position ? head - position : 0n,
        secondsBehind: oldest ? Math.max(0, Math.round((now.getTime() - oldest.recordedAt.getTime()) / 1000)) : 0,
        ...(checkpoint ? { updatedAt: checkpoint.updatedAt } : {}),
        ...(checkpoint?.failure ? { failure: checkpoint.failure } : {}),
      };
    }),
  );
}
