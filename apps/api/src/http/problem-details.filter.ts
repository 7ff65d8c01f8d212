import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
      // The request, so that the line can be matched with the request's own line and flow.
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      const asked = `${request.method} ${request.url} (${request.id}, correlation ${(request.raw as Partial<RequestWithIds>).correlationId})`;
      if (body.status === 503) {
        response.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        this.logger.warn(`${asked}: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        this.logger.error(`${asked}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    response.status(body.status).type('application/problem+json').send(body);
  }
}
