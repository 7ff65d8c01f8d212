import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { CONFIGURATION, DATABASE } from '../tokens.js';
import { ProjectorService } from './projector.service.js';
import {
  AgreementQueryHandler,
  AgreementTimelineQueryHandler,
  AgreementVersionsQueryHandler,
  AgreementsQueryHandler,
  AuditTrailQueryHandler,
} from './read-model.queries.js';
import { ReadModelsController } from './read-models.controller.js';
import { ReadModels } from './read-models.js';

/**
 * The read models: the projectors run in-process unless PROCESSORS leaves them
 * out (one active instance per projection across the service's instances), their lag and failures show
 * on /health, and their GET endpoints read through the QueryBus.
 */
@Global()
@Module({
  controllers: [ReadModelsController],
  providers: [
    {
      provide: ReadModels,
      inject: [DATABASE, CONFIGURATION],
      // Queries may read a streaming replica (READ_DATABASE_URL); it trails the primary by its replication lag.
      useFactory: (database: Database, config: Configuration) =>
        ReadModels.open(config.READ_DATABASE_URL ?? database.url),
    },
    ProjectorService,
    AuditTrailQueryHandler,
    AgreementsQueryHandler,
    AgreementQueryHandler,
    AgreementVersionsQueryHandler,
    AgreementTimelineQueryHandler,
  ],
  exports: [ReadModels, ProjectorService],
})
export class ProjectionsModule implements OnApplicationShutdown {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async onApplicationShutdown(): Promise<void> {
    await this.readModels.close();
  }
}
