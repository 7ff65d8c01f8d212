import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Configuration } from './config/configuration.js';
import type { Database } from './database/database.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommandsModule } from './commands/commands.module.js';
import type { RequestWithIds } from './commands/request-ids.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { DisputesModule } from './disputes/disputes.module.js';
import { EventStoreModule } from './event-store/event-store.module.js';
import { HealthModule } from './health/health.module.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { ImprovementsModule } from './improvements/improvements.module.js';
import { PartiesModule } from './parties/parties.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReactionsModule } from './reactions/reactions.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { SatisfactionModule } from './satisfaction/satisfaction.module.js';
import { ServiceLevelsModule } from './service-levels/service-levels.module.js';
import { SuppliersModule } from './suppliers/suppliers.module.js';
import { CONFIGURATION, DATABASE } from './tokens.js';

const requestLine = (request: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
  id: request.id,
  method: request.method,
  url: request.originalUrl ?? request.url,
});

// Read when the line is written: the request's ids are set after the logger has taken the request.
const flowOf = (request: IncomingMessage) => {
  const { correlationId } = request as Partial<RequestWithIds>;
  return correlationId ? { correlationId } : {};
};

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
            // One short line per request: what was asked, the answer, and the flow it belongs to.
            // No headers, so no credential can reach the log; serializing them cost more than the rest
            // of the line.
            wrapSerializers: false,
            serializers: { req: requestLine, res: (response: ServerResponse) => ({ statusCode: response.statusCode }) },
            customProps: flowOf,
            autoLogging: { ignore: (request) => request.url === '/health' },
          },
          // Every path: the module's default (`{/*splat}`) gains a second slash in Fastify's middleware
          // layer and then matches no request but `/`.
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
        CqrsModule.forRoot(),
        AuthModule,
        EventStoreModule,
        CommandsModule,
        ReactionsModule,
        HealthModule,
        MessagingModule,
        ComplaintsModule,
        PartiesModule,
        SuppliersModule,
        SatisfactionModule,
        ReviewsModule,
        DisputesModule,
        AgreementsModule,
        ServiceLevelsModule,
        ImprovementsModule,
        ProjectionsModule,
        ReadModelsModule,
        AuditModule,
      ],
      providers: [
        { provide: CONFIGURATION, useValue: config },
        { provide: DATABASE, useValue: database },
      ],
      exports: [CONFIGURATION, DATABASE],
    };
  }
}
