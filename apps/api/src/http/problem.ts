import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@lib/domain';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** An RFC 9457 problem-details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

const DOMAIN_STATUS = {
  'not-found': HttpStatus.NOT_FOUND,
  'already-exists': HttpStatus.CONFLICT,
  'rule-violated': HttpStatus.UNPROCESSABLE_ENTITY,
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problemType = (slug: string) => `urn:problem:${slug}`;

export function problem(status: number, detail?: string, extensions: Record<string, unknown> = {}): Problem {
  return {
    type: problemType(String(extensions.code ?? status)),
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...extensions,
  };
}

/** Turns anything thrown while handling a request into a problem, or undefined for a bug. */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof ZodError) {
    return problem(400, 'The request does not match its schema.', {
      code: 'validation',
      errors: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  if (error instanceof DomainError) {
    return problem(DOMAIN_STATUS[error.kind], error.message, { code: error.code });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body && 'type' in body && 'title' in body) return body as Problem;
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return problem(status, Array.isArray(message) ? message.join('; ') : String(message ?? error.message));
  }
  // Nothing is wrong with the request, and it succeeds once the database is back.
  if (isDatabaseUnavailable(error)) {
    return problem(503, 'The database is unavailable; retry shortly.', { code: 'database-unavailable' });
  }
  // Errors of the HTTP layer (malformed URL or JSON, body too large, not JSON) carry a 4xx status.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, (error as Error).message);
  }
  return undefined;
}
