import { DataSource, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import { readModelEntities } from './projections.js';

/** The read-model tables through TypeORM entities (a small pool of its own; the tables come from the migrations). */
export class ReadModels {
  private constructor(readonly dataSource: DataSource) {}

  static async open(url: string): Promise<ReadModels> {
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      entities: [...readModelEntities],
      synchronize: false,
      migrationsRun: false,
      logging: false,
      poolSize: 5,
    });
    await dataSource.initialize();
    return new ReadModels(dataSource);
  }

  repository<Entity extends ObjectLiteral>(entity: EntityTarget<Entity>): Repository<Entity> {
    return this.dataSource.getRepository(entity);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
