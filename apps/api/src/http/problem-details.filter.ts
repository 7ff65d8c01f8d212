import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RequestWithIds } from '../commands/request-ids.js';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable.js';
import { problem, toProblem } from './problem.js';

/** Every error leaves the service as application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const body = toProblem(error) ?? problem(500, 'An unexpected error occurred; it has been logged.');
    if (body.status >= 500) {
      // Named with its request, so that the line can be matched with the request's own line and flow.
      const request = host.switchToHttp().getRequest<RequestWithIds>();
      const asked = `${request.method} ${request.url} (${request.id}, correlation ${request.correlationId})`;
      const unavailable = body.status === 503;
      const cause =
        error instanceof Error ? (unavailable ? error.message : (error.stack ?? error.message)) : String(error);
      if (unavailable) response.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      this.logger[unavailable ? 'warn' : 'error'](`${asked}: ${cause}`);
    }
    response.status(body.status).type('application/problem+json').send(body);
  }
}
