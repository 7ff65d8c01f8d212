import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type RawBodyRequest,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { headerValue } from '../http/header-value.js';
import type { Database } from '../database/database.js';
import { DATABASE } from '../tokens.js';

const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * Safe retries: a command sent with an Idempotency-Key runs once per
 * credential and key. The same key with the same request returns the first
 * response and writes nothing new; with a different request it is refused
 * (422); while the first is still running a retry gets 409. A command that
 * failed frees its key, since it wrote nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RawBodyRequest<AuthenticatedRequest>>();
    const key = headerValue(request, 'idempotency-key');
    if (key === undefined || request.method === 'GET' || !request.principal) return next.handle();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters.');
    }
    const response = context.switchToHttp().getResponse<FastifyReply>();
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n`)
      .update(request.rawBody ?? '')
      .digest('hex');
    return from(this.once(request.principal.id, key, fingerprint, response, next));
  }

  private async once(principal: string, key: string, fingerprint: string, response: FastifyReply, next: CallHandler) {
    const pool = this.database.pool;
    // Named statements: each connection plans them once, and they run with every keyed command.
    const reserved = await pool.query({
      name: 'idempotency-reserve',
      text: `INSERT INTO idempotency_records (principal, idempotency_key, request_sha256) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      values: [principal, key, fingerprint],
    });
    if (reserved.rowCount === 0) return this.replay(principal, key, fingerprint, response);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers = Object.fromEntries(
        REPLAYED_HEADERS.filter((name) => response.hasHeader(name)).map((name) => [name, response.getHeader(name)]),
      );
      await pool.query({
        name: 'idempotency-record',
        text: `UPDATE idempotency_records SET status_code = $3, response_body = $4, response_headers = $5
         WHERE principal = $1 AND idempotency_key = $2`,
        values: [principal, key, response.statusCode, JSON.stringify(body ?? null), headers],
      });
      return body;
    } catch (error) {
      await pool.query('DELETE FROM idempotency_records WHERE principal = $1 AND idempotency_key = $2', [
        principal,
        key,
      ]);
      throw error;
    }
  }

  private async replay(principal: string, key: string, fingerprint: string, response: FastifyReply) {
    const { rows } = await this.database.pool.query<{
      request_sha256: string;
      status_code: number | null;
      response_body: unknown;
      response_headers: Record<string, string> | null;
    }>(
      `SELECT request_sha256, status_code, response_body, response_headers
       FROM idempotency_records WHERE principal = $1 AND idempotency_key = $2`,
      [principal, key],
    );
    const record = rows[0];
    if (!record) throw new ConflictException('The first request with this Idempotency-Key just failed; retry it.');
    if (record.request_sha256 !== fingerprint) {
      throw new UnprocessableEntityException('This Idempotency-Key was used for a different request.');
    }
    if (record.status_code === null) {
      throw new ConflictException('A request with this Idempotency-Key is still being processed.');
    }
    response.status(record.status_code);
    for (const [name, value] of Object.entries(record.response_headers ?? {})) response.header(name, value);
    response.header('Idempotent-Replayed', 'true');
    return record.response_body;
  }
}
