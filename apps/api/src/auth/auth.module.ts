import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { CONFIGURATION, DATABASE } from '../tokens.js';
import { ApiKeys } from './api-keys.js';
import { AuthGuard } from './auth.guard.js';
import { CredentialRateLimitGuard } from './credential-rate-limit.guard.js';
import { FirstRunAdminKey } from './first-run.js';
import { Tokens } from './tokens.js';

@Global()
@Module({
  providers: [
    { provide: ApiKeys, inject: [DATABASE], useFactory: (database: Database) => new ApiKeys(database.pool) },
    {
      // Bearer tokens are accepted only when a signing secret is configured.
      provide: Tokens,
      inject: [CONFIGURATION, DATABASE],
      useFactory: (config: Configuration, database: Database) =>
        config.AUTH_JWT_SECRET ? new Tokens(config.AUTH_JWT_SECRET, database.pool) : null,
    },
    // Authentication first, so that the rate limit knows the credential.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: CredentialRateLimitGuard },
    FirstRunAdminKey,
  ],
  exports: [ApiKeys, Tokens],
})
export class AuthModule {}
