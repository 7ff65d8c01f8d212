import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AggregateStore } from './aggregate-store.js';
import { DecideCommandHandler } from './decide.command.js';
import { FoldStreamQueryHandler } from './fold-stream.query.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/** The command and query pipeline every bounded context's controllers use. */
@Global()
@Module({
  providers: [
    AggregateStore,
    DecideCommandHandler,
    FoldStreamQueryHandler,
    // The routes set the ETag before they answer, so the idempotency record stores it with the answer.
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [AggregateStore],
})
export class CommandsModule {}
