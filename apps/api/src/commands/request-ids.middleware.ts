import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export type RequestWithIds = Request & { correlationId: string; causationId: string };

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const headerId = (request: Request, name: string) => {
  const value = request.header(name);
  return value && ID.test(value) ? value : undefined;
};

/**
 * Correlation and causation ids come from the request headers when a caller
 * gives them (so a flow across services stays traceable), else are made here;
 * both are echoed in the response.
 */
export function requestIds(request: Request, response: Response, next: NextFunction): void {
  const ids = request as RequestWithIds;
  ids.correlationId = headerId(request, 'x-correlation-id') ?? randomUUID();
  ids.causationId = headerId(request, 'x-causation-id') ?? ids.correlationId;
  response.setHeader('X-Correlation-Id', ids.correlationId);
  response.setHeader('X-Causation-Id', ids.causationId);
  next();
}
