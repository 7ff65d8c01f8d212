import { ConfigurationError, loadConfiguration } from './config/configuration.js';
import { openDatabase, type Database } from './database/database.js';
import { createApp } from './app.js';

/** Start-up log lines before Nest's JSON logger exists, in the same JSON shape. */
const log = (msg: string, level = 30) => process.stdout.write(`${JSON.stringify({ level, time: Date.now(), msg })}\n`);

async function main(): Promise<void> {
  const config = loadConfiguration();
  const database: Database = await openDatabase(config, log);
  const app = await createApp(config, database);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  // Nest's own shutdown hooks close the app; the database (and embedded PostgreSQL) closes after it.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.PORT, '0.0.0.0');
  log(`listening on http://localhost:${config.PORT} (docs at /docs)`);
}

main().catch((error: unknown) => {
  const line =
    error instanceof ConfigurationError
      ? error.message
      : `Start-up failed: ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
});
