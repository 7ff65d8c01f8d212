import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from '../database/database.js';
import { DATABASE } from '../tokens.js';
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
 * The read models: the projectors run in-process (one active instance per
 * projection across the service's instances), their lag and failures show
 * on /health, and their GET endpoints read through the QueryBus.
 */
@Global()
@Module({
  controllers: [ReadModelsController],
  providers: [
    { provide: ReadModels, inject: [DATABASE], useFactory: (database: Database) => ReadModels.open(database.url) },
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
