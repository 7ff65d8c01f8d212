import { Command } from 'commander';
import { withDatabase } from './database.js';

export const migrateCommand = () =>
  new Command('migrate').description('Bring the database schema up to date').action(() =>
    withDatabase(async (database) => {
      const applied = await database.dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
      process.stdout.write(`schema up to date: ${applied.length} migrations applied\n`);
    }),
  );
