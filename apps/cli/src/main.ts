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
