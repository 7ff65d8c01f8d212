import { Command } from 'commander';
import { PersonKeys } from '@lib/event-store';
import { withDatabase } from './database.js';

export function privacyCommands(): Command {
  const privacy = new Command('privacy').description('Personal data held in events');
  privacy
    .command('forget <personId>')
    .description(
      "Destroy the person's data key: their names, e-mail addresses and phone numbers read as erased everywhere from now on; every other record, and the audit chain, stay as they are",
    )
    .action((personId: string) =>
      withDatabase(async (database) => {
        const destroyed = await new PersonKeys(database.pool).forget(personId);
        process.stdout.write(
          destroyed
            ? `forgot ${personId}: their data key is destroyed\n`
            : `${personId} had no data key; none will be kept\n`,
        );
      }),
    );
  return privacy;
}
