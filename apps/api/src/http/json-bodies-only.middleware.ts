import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * A request that carries a body must say it is JSON: the JSON parser skips
 * any other content type, and the command would then run with an empty body.
 */
export function jsonBodiesOnly(request: Request, _: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.is('application/json')) {
    next(new UnsupportedMediaTypeException('Send the body as application/json.'));
    return;
  }
  next();
}
