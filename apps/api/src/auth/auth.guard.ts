import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { headerValue } from '../http/header-value.js';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators.js';
import { ApiKeys } from './api-keys.js';
import type { Principal, Role } from './roles.js';
import { Tokens } from './tokens.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal | null };

/**
 * Every route is denied unless it declares who may call it: @Public() or
 * @Roles(...). No credential or a bad one is 401; a good one without an
 * admitted role is 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeys,
    @Inject(Tokens) private readonly tokens: Tokens | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const admitted = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    if (!principal) throw new UnauthorizedException('A valid bearer token or X-API-Key is required.');
    request.principal = principal;

    if (!admitted) throw new ForbiddenException('This route admits no role.');
    if (!principal.roles.some((role) => role === 'admin' || admitted.includes(role))) {
      throw new ForbiddenException(`This route admits the roles admin, ${admitted.join(', ')}.`);
    }
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal | undefined> {
    const apiKey = headerValue(request, 'x-api-key');
    if (apiKey) return this.apiKeys.verify(apiKey);
    const [scheme, token] = (headerValue(request, 'authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token && this.tokens) return this.tokens.verify(token);
    return undefined;
  }
}
