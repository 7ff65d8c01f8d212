import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Configuration } from '../config/configuration.js';
import { CONFIGURATION } from '../tokens.js';
import type { AuthenticatedRequest } from './auth.guard.js';

/**
 * Requests per minute per credential (the principal), not per address:
 * many services may share one address. Runs after authentication.
 */
@Injectable()
export class CredentialRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(CONFIGURATION) config: Configuration) {
    this.limiter = new RateLimiterMemory({ points: config.RATE_LIMIT_PER_MINUTE, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) return true;
    try {
      await this.limiter.consume(request.principal.id);
      return true;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfter = Math.ceil(refusal.msBeforeNext / 1000);
      context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfter));
      throw new HttpException(
        `Rate limit reached for this credential; retry in ${retryAfter} s.`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
