import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Configuration } from './config/configuration.js';
import type { Database } from './database/database.js';
import { HealthModule } from './health/health.module.js';
import { CONFIGURATION, DATABASE } from './tokens.js';

@Module({})
export class AppModule {
  /** The configuration and the open database are made before Nest starts, so a bad one fails fast. */
  static with(config: Configuration, database: Database): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
            autoLogging: { ignore: (request) => request.url === '/health' },
          },
        }),
        CqrsModule.forRoot(),
        HealthModule,
      ],
      providers: [
        { provide: CONFIGURATION, useValue: config },
        { provide: DATABASE, useValue: database },
      ],
      exports: [CONFIGURATION, DATABASE],
    };
  }
}
