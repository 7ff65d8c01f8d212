import { Command } from 'commander';
import { ConfigurationError } from '../../api/src/config/configuration.js';
import { auditCommands } from './audit.js';
import { authCommands } from './auth.js';
import { evidenceCommands } from './evidence.js';
import { kafkaCommands } from './kafka.js';
import { migrateCommand } from './migrate.js';
import { privacyCommands } from './privacy.js';
import { projectionsCommands } from './projections.js';
import { seedCommand } from './seed/index.js';

/*
 * `npm run cli` runs this with --max-semi-space-size=64. Rebuilds, verification and evidence export
 * read the log in batches of thousands of events, which all stay alive until the batch is done: with
 * V8's default young generation (16 MB semi-spaces) they outlive two scavenges, get copied twice and
 * promoted, and the collector takes a third of the CPU. With 64 MB a batch dies young: in A/B runs
 * reading the log went from about 80,000 to 135,000 events/s, sealing it from about 20,000 to
 * 32,000, a quarter's evidence export from about 10 to 9.4 s; a full rebuild, which PostgreSQL
 * bounds, changed less than the spread between runs. The service keeps the default: under load it
 * would hold on to some 70 MB more, for no gain on its small requests.
 */
const program = new Command('cli')
  .description('Operator tool for the relationship-and-agreement service (same environment settings as the service)')
  .showHelpAfterError();

program.addCommand(migrateCommand());
program.addCommand(authCommands());
program.addCommand(auditCommands());
program.addCommand(evidenceCommands());
program.addCommand(privacyCommands());
program.addCommand(kafkaCommands());
program.addCommand(projectionsCommands());
program.addCommand(seedCommand());

program.parseAsync().catch((error: unknown) => {
  const message = error instanceof ConfigurationError ? error.message : ((error as Error)?.message ?? String(error));
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
