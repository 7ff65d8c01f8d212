import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable.js';
import { problem, toProblem } from './problem.js';

/** Every error leaves the service as application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const body = toProblem(error) ?? problem(500, 'An unexpected error occurred; it has been logged.');
    if (body.status === 503) {
      response.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      this.logger.warn(error instanceof Error ? error.message : String(error));
    } else if (body.status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    response.status(body.status).type('application/problem+json').send(body);
  }
}
