import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, type AggregateType, type Decided, type DomainEvent } from './aggregate-store.js';
import type { CommandContext } from './command-context.js';

/** A domain command for one stream of one aggregate type, with its context. */
export class DecideCommand<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  constructor(
    readonly aggregate: AggregateType<Command, Event, State>,
    readonly streamId: string,
    readonly command: Command,
    readonly context: CommandContext,
    /** Completes the command with data read from other streams before it is decided. */
    readonly prepare?: (command: Command, aggregates: AggregateStore) => Promise<Command>,
  ) {}
}

/**
 * What a command answers: the stream it changed, its new version (also the
 * ETag), the events recorded, and the ids the service made up for it.
 */
export class CommandResult {
  constructor(
    readonly decided: Decided,
    readonly ids: Readonly<Record<string, string>> = {},
  ) {}

  withIds(ids: Readonly<Record<string, string>>): CommandResult {
    return new CommandResult(this.decided, { ...this.ids, ...ids });
  }

  toJSON() {
    return { ...this.decided, ids: this.ids };
  }
}

@CommandHandler(DecideCommand)
export class DecideCommandHandler implements ICommandHandler<DecideCommand, CommandResult> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ aggregate, streamId, command, context, prepare }: DecideCommand): Promise<CommandResult> {
    const complete = prepare ? await prepare(command, this.aggregates) : command;
    return new CommandResult(await this.aggregates.execute(aggregate, streamId, complete, context));
  }
}
