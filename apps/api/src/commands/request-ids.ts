import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { headerValue } from '../http/header-value.js';

/** A request with the flow it belongs to (both ids are declared on every request, see createApp). */
export type RequestWithIds = FastifyRequest & { correlationId: string; causationId: string };

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const headerId = (request: FastifyRequest, name: string) => {
  const value = headerValue(request, name);
  return value && ID.test(value) ? value : undefined;
};

/**
 * Correlation and causation ids come from the request headers when a caller
 * gives them (so a flow across services stays traceable), else are made here;
 * both are echoed in the response.
 */
export function requestIds(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const ids = request as RequestWithIds;
  ids.correlationId = headerId(request, 'x-correlation-id') ?? randomUUID();
  ids.causationId = headerId(request, 'x-causation-id') ?? ids.correlationId;
  reply.header('X-Correlation-Id', ids.correlationId);
  reply.header('X-Causation-Id', ids.causationId);
  done();
}
