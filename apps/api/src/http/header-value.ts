import type { FastifyRequest } from 'fastify';

/** A request header as one string: the first, when a caller repeated it. */
export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
