import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Configuration } from './config/configuration.js';
import type { Database } from './database/database.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommandsModule } from './commands/commands.module.js';
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

@Module({})
export class AppModule {
  /** The configuration and the open database are made before Nest starts, so a bad one fails fast. */
  static with(config: Configuration, database: Database): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { level: config.LOG_LEVEL },
          // Requests are logged by a hook of Fastify's (see request-log.ts), not by a middleware: the
          // middleware layer, a child logger per request and the request context it kept cost about
          // a tenth of the service's CPU per command.
          forRoutes: [],
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
