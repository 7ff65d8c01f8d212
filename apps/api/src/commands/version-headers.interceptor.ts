import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { etag } from './command-context.js';
import { CommandResult } from './decide.command.js';
import { FoldedState } from './fold-stream.query.js';

/** Answers carry the stream version as their ETag, for If-Match on the next command. */
@Injectable()
export class VersionHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (body instanceof CommandResult) response.setHeader('ETag', etag(body.decided.version));
        if (body instanceof FoldedState && !body.asOf) response.setHeader('ETag', etag(body.version));
        return body;
      }),
    );
  }
}
