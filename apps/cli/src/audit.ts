import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parseVerificationKey } from '@lib/event-store';
import type { Configuration } from '../../api/src/config/configuration.js';
import { openAuditChain, type AuditChain } from '../../api/src/event-store/audit-chain.js';
import { openEventLog } from '../../api/src/event-store/open-event-store.js';
import { auditSigningKey } from '../../api/src/event-store/signing-key.js';
import { withDatabase } from './database.js';

/** Runs `work` on the audit chain of the configured event store (PostgreSQL or EventStoreDB), then closes it. */
function withAuditChain(work: (chain: AuditChain, config: Configuration) => Promise<void>): Promise<void> {
  return withDatabase(async (database, config) => {
    const log = await openEventLog(config, database);
    try {
      await work(await openAuditChain(config, database, log), config);
    } finally {
      await log.close();
    }
  });
}

export function auditCommands(): Command {
  const audit = new Command('audit').description('The tamper-evident audit chain over the event log');

  audit
    .command('verify')
    .description('Recompute the hash chain over the whole log and check it against every signed checkpoint')
    .option('--public-key <file>', 'verify with this Ed25519 public key (PEM) instead of the configured signing key')
    .action(({ publicKey }: { publicKey?: string }) =>
      withAuditChain(async (chain, config) => {
        const key = publicKey ? parseVerificationKey(readFileSync(publicKey, 'utf8')) : auditSigningKey(config);
        const result = await chain.verify([key]);
        const checked = `${result.checkpoints.length} signed checkpoints`;
        if (result.intact) {
          process.stdout.write(
            `intact up to position ${result.verifiedUpTo}, head hash ${result.headHash} (${checked})\n`,
          );
          return;
        }
        process.stdout.write(
          `NOT intact: first bad position ${result.firstBadPosition} (${result.reason}): ${result.detail}; intact up to ${result.verifiedUpTo} (${checked})\n`,
        );
        process.exitCode = 2;
      }),
    );

  audit
    .command('checkpoint')
    .description('Seal the events committed so far and sign a checkpoint of the chain head')
    .action(() =>
      withAuditChain(async (chain) => {
        const checkpoint = await chain.checkpoint();
        process.stdout.write(
          checkpoint ? `signed checkpoint at position ${checkpoint.position}\n` : 'nothing to seal: the log is empty\n',
        );
      }),
    );

  return audit;
}
