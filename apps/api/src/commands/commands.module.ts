import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AggregateStore } from './aggregate-store.js';
import { DecideCommandHandler } from './decide.command.js';
import { FoldStreamQueryHandler } from './fold-stream.query.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { VersionHeadersInterceptor } from './version-headers.interceptor.js';

/** The command and query pipeline every bounded context's controllers use. */
@Global()
@Module({
  providers: [
    AggregateStore,
    DecideCommandHandler,
    FoldStreamQueryHandler,
    // Outermost first: the idempotency record stores the answer with its ETag.
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: VersionHeadersInterceptor },
  ],
  exports: [AggregateStore],
})
export class CommandsModule {}
