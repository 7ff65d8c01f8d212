import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Res, type Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Roles } from '../auth/access.decorators.js';
import { READERS, type Role } from '../auth/roles.js';
import type { AggregateStore, AggregateType, DomainEvent } from '../commands/aggregate-store.js';
import { Context, etag, type CommandContext } from '../commands/command-context.js';
import { DecideCommand, type CommandResult } from '../commands/decide.command.js';
import { FoldStreamQuery, type FoldedState } from '../commands/fold-stream.query.js';
import { ValidBody, ValidQuery } from './validated.js';

type Params = Record<string, string>;

/** One command over HTTP: POST <base>/<path> with a validated body. */
export interface CommandRoute<Command> {
  /** Domain command type, e.g. `ProposeTerms`. */
  readonly command: string;
  /** Path under the collection, e.g. `:agreementId/proposals`; '' for a command that creates the aggregate. */
  readonly path: string;
  readonly body: z.ZodType;
  readonly roles: readonly Role[];
  readonly summary: string;
  /** Ids the command needs that the service makes up, e.g. `measurementId`; the answer returns them. */
  readonly newIds?: readonly string[];
  /** The command starts the stream (201 with Location); default: when `path` is ''. */
  readonly creates?: boolean;
  /** Completes the command with what it needs from other streams (read in the handler, before deciding). */
  readonly prepare?: (command: Command, aggregates: AggregateStore) => Promise<Command>;
}

/** Every route of one aggregate type: its commands, and a GET of its state (now or as of a date). */
export interface AggregateRoutes<Command, Event extends DomainEvent, State> {
  readonly name: string;
  /** One record, in words, e.g. `service level period` (default: `name` without its final s). */
  readonly singular?: string;
  /** Collection path, e.g. `complaints`. */
  readonly base: string;
  /** The URL parameter holding the aggregate's id, e.g. `complaintId`; generated for creating commands. */
  readonly idParam: string;
  readonly aggregate: AggregateType<Command, Event, State>;
  readonly streamId: (params: Params) => string;
  readonly commands: readonly CommandRoute<Command>[];
  /** Path of the GET, default `:<idParam>`. */
  readonly readPath?: string;
}

const asOfQuery = z
  .object({ asOf: z.iso.datetime({ offset: true }).optional().describe('Show the record as it stood at this instant') })
  .strict();

const SAFE_PARAM = /^[A-Za-z0-9._:-]{1,128}$/;

function checkedParams(params: Params): Params {
  for (const [name, value] of Object.entries(params)) {
    if (!SAFE_PARAM.test(value))
      throw new z.ZodError([{ code: 'custom', path: [name], message: 'not a valid id', input: value }]);
  }
  return params;
}

const paramNames = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
const methodName = (command: string) => command[0]!.toLowerCase() + command.slice(1);

/**
 * Builds the controller of one aggregate type from its route table, so that
 * every command route declares its roles, validates its body and is
 * documented from the same zod schema, and goes through the CommandBus.
 */
export function aggregateController<Command, Event extends DomainEvent, State>(
  routes: AggregateRoutes<Command, Event, State>,
): Type {
  @ApiTags(routes.name)
  @Controller(routes.base)
  class AggregateController {
    constructor(
      @Inject(CommandBus) readonly commands: CommandBus,
      @Inject(QueryBus) readonly queries: QueryBus,
    ) {}
  }
  Object.defineProperty(AggregateController, 'name', {
    value: `${routes.name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Controller`,
  });
  const prototype = AggregateController.prototype as unknown as Record<string, unknown>;

  for (const route of routes.commands) {
    const creates = route.creates ?? route.path === '';
    const name = methodName(route.command);
    prototype[name] = async function (
      this: AggregateController,
      params: Params,
      body: object,
      context: CommandContext,
      response: FastifyReply,
    ) {
      const generated = Object.fromEntries(
        [...(route.path === '' ? [routes.idParam] : []), ...(route.newIds ?? [])].map((id) => [id, randomUUID()]),
      );
      const ids = { ...checkedParams(params), ...generated };
      // The body passed its zod schema; the decider checks everything else. Ids and who/when are never the body's.
      const command = {
        ...body,
        ...ids,
        type: route.command,
        at: new Date().toISOString(),
        by: context.actor,
      } as Command;
      const result: CommandResult = await this.commands.execute(
        new DecideCommand(routes.aggregate, routes.streamId(ids), command, context, route.prepare),
      );
      // The stream version is the ETag, for If-Match on the next command.
      response.header('ETag', etag(result.decided.version));
      if (creates) {
        const path = route.path === '' ? `:${routes.idParam}` : route.path;
        response.header('Location', `/${routes.base}/${path.replace(/:([A-Za-z]+)/g, (_, id: string) => ids[id]!)}`);
      }
      return result.withIds(generated);
    };
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    Post(route.path)(prototype, name, descriptor);
    HttpCode(creates ? 201 : 200)(prototype, name, descriptor);
    Roles(...route.roles)(prototype, name, descriptor);
    ApiOperation({ summary: route.summary, operationId: `${routes.name}.${name}` })(prototype, name, descriptor);
    for (const param of paramNames(route.path)) ApiParam({ name: param, type: String })(prototype, name, descriptor);
    Param()(prototype, name, 0);
    ValidBody(route.body)(prototype, name, 1);
    Context()(prototype, name, 2);
    Res({ passthrough: true })(prototype, name, 3);
    Reflect.defineMetadata('design:paramtypes', [Object, Object, Object, Object], prototype, name);
  }

  const readPath = routes.readPath ?? `:${routes.idParam}`;
  prototype.read = async function (
    this: AggregateController,
    params: Params,
    query: z.infer<typeof asOfQuery>,
    response: FastifyReply,
  ) {
    const asOf = query.asOf ? new Date(query.asOf) : undefined;
    const folded: FoldedState = await this.queries.execute(
      new FoldStreamQuery(routes.aggregate, routes.streamId(checkedParams(params)), asOf),
    );
    // A past state is no version a command could be based on.
    if (!asOf) response.header('ETag', etag(folded.version));
    return folded;
  };
  const read = Object.getOwnPropertyDescriptor(prototype, 'read')!;
  Get(readPath)(prototype, 'read', read);
  Roles(...READERS)(prototype, 'read', read);
  ApiOperation({
    summary: `Read one ${routes.singular ?? routes.name.replace(/s$/, '')}, now or as of an instant`,
    operationId: `${routes.name}.read`,
  })(prototype, 'read', read);
  for (const param of paramNames(readPath)) ApiParam({ name: param, type: String })(prototype, 'read', read);
  Param()(prototype, 'read', 0);
  ValidQuery(asOfQuery)(prototype, 'read', 1);
  Res({ passthrough: true })(prototype, 'read', 2);
  Reflect.defineMetadata('design:paramtypes', [Object, Object, Object], prototype, 'read');

  return AggregateController;
}
