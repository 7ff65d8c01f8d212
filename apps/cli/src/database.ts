import { loadConfiguration, type Configuration } from '../../api/src/config/configuration.js';
import { openDatabase, type Database } from '../../api/src/database/database.js';

/** Runs `work` on the service's database (migrated), then closes it. */
export async function withDatabase<T>(work: (database: Database, config: Configuration) => Promise<T>): Promise<T> {
  const config = loadConfiguration();
  const database = await openDatabase(config);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}
