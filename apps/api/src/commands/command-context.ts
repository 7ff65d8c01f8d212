import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { headerValue } from '../http/header-value.js';
import type { RequestWithIds } from './request-ids.js';

/** What every command carries besides its own data: who, in which flow, and the version it was based on. */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotencyKey?: string;
  /** From If-Match: the stream version the caller read; a different current version is a 409. */
  readonly expectedVersion?: number;
}

/** Parses an If-Match header holding an ETag made by this service: `"<stream version>"`. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(-1|\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new BadRequestException(`If-Match must be an ETag of this service, like "3"; got ${header}`);
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

/** The command context of the current request (after authentication). */
export const Context = createParamDecorator((_: unknown, host: ExecutionContext): CommandContext => {
  const request = host.switchToHttp().getRequest<AuthenticatedRequest & RequestWithIds>();
  return {
    actor: request.principal!.id,
    correlationId: request.correlationId,
    causationId: request.causationId,
    idempotencyKey: headerValue(request, 'idempotency-key'),
    expectedVersion: parseIfMatch(headerValue(request, 'if-match')),
  };
});
