import { Global, Module } from '@nestjs/common';
import { ReactionRegistry } from './reaction-registry.js';
import { ReactionRunner } from './reaction-runner.js';

/** Process managers: bounded contexts register reactions; the runner delivers the log to them. */
@Global()
@Module({
  providers: [ReactionRegistry, ReactionRunner],
  exports: [ReactionRegistry],
})
export class ReactionsModule {}
