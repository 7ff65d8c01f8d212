import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Decider } from '@lib/domain';
import { AggregateStore, type DomainEvent } from './aggregate-store.js';

/** One aggregate's state folded from its stream, now or as it stood at `asOf`. */
export class FoldStreamQuery<Event extends DomainEvent = DomainEvent, State = unknown> {
  constructor(
    readonly aggregate: { decider: Decider<never, Event, State> },
    readonly streamId: string,
    readonly asOf?: Date,
  ) {}
}

export class FoldedState<State = unknown> {
  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly state: State,
    readonly asOf?: Date,
  ) {}

  toJSON() {
    return {
      streamId: this.streamId,
      version: this.version,
      ...(this.asOf ? { asOf: this.asOf } : {}),
      state: this.state,
    };
  }
}

@QueryHandler(FoldStreamQuery)
export class FoldStreamQueryHandler implements IQueryHandler<FoldStreamQuery, FoldedState> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ aggregate, streamId, asOf }: FoldStreamQuery): Promise<FoldedState> {
    const { state, version } = await this.aggregates.load(aggregate, streamId, asOf);
    if (version === -1) {
      throw new NotFoundException(
        asOf ? `${streamId} did not exist at ${asOf.toISOString()}` : `${streamId} does not exist`,
      );
    }
    return new FoldedState(streamId, version, state, asOf);
  }
}
