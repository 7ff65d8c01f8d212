import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { RequestWithIds } from '../commands/request-ids.js';

/**
 * One short line per answered request: what was asked, the answer, the flow it belongs to and how
 * long it took. No headers, so no credential can reach the log. Health checks are left out.
 */
export function logRequest(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (request.url !== '/health') {
    // Flat: the logger's serializers for `req` and `res` expect Node's request and response.
    const line = {
      requestId: request.id,
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      correlationId: (request as RequestWithIds).correlationId,
      responseTime: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) PinoLogger.root.error(line, 'request failed');
    else PinoLogger.root.info(line, 'request completed');
  }
  done();
}
