import { createWriteStream, readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { buildEvidencePack, periodOf, verifyEvidencePack } from '@lib/audit';
import { ISO_CLAUSES, type IsoClause } from '@lib/domain';
import { parseVerificationKey, PersonKeys } from '@lib/event-store';
import { auditSigningKey } from '../../api/src/event-store/signing-key.js';
import { withDatabase } from './database.js';

const clauseOption = (value: string): IsoClause => {
  if (!(ISO_CLAUSES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${ISO_CLAUSES.join(', ')}`);
  }
  return value as IsoClause;
};

export function evidenceCommands(): Command {
  const evidence = new Command('evidence').description('Evidence packs for certification auditors');

  evidence
    .command('export')
    .description(
      'Write the evidence pack of a period: one ZIP with index.html, events.ndjson, chain-proof.json and a signed manifest.json',
    )
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD, UTC) or an instant')
    .requiredOption('--to <date>', 'last day of the period, inclusive (YYYY-MM-DD, UTC) or an instant (exclusive)')
    .option('--clause <clause>', `only one clause: ${ISO_CLAUSES.join(', ')}`, clauseOption)
    .option('--out <file>', 'where to write the archive (default: its name, in the current folder)')
    .action(({ from, to, clause, out }: { from: string; to: string; clause?: IsoClause; out?: string }) =>
      withDatabase(async (database, config) => {
        const pack = await buildEvidencePack(database.pool, new PersonKeys(database.pool), {
          period: periodOf(from, to),
          clause,
          signingKey: auditSigningKey(config),
          createdBy: `cli:${process.env.USER ?? 'operator'}`,
        });
        const file = out ?? pack.fileName;
        await pack.writeTo(createWriteStream(file));
        process.stdout.write(
          `wrote ${file} (${pack.bytes} bytes) in ${pack.milliseconds} ms: ${pack.events} events, ` +
            `${pack.requirements} requirements, ${pack.gaps.length ? `gaps: ${pack.gaps.join(', ')}` : 'no gaps'}; ` +
            `audit chain ${pack.intact ? 'intact' : 'NOT intact'}\n`,
        );
        if (!pack.intact) process.exitCode = 2;
      }),
    );

  evidence
    .command('verify')
    .description(
      'Check an evidence pack offline: file hashes against the manifest, signatures, each event against its chain hash, the chain segment against the signed checkpoints',
    )
    .argument('<archive>', 'the ZIP written by evidence export or GET /audit/evidence')
    .option('--key <file>', "the provider's Ed25519 public key (PEM), or a file holding the HMAC secret")
    .action((archive: string, { key }: { key?: string }) => {
      const result = verifyEvidencePack(readFileSync(archive), {
        key: key ? parseVerificationKey(readFileSync(key, 'utf8')) : undefined,
      });
      for (const line of result.checked) process.stdout.write(`checked: ${line}\n`);
      for (const line of result.warnings) process.stdout.write(`warning: ${line}\n`);
      if (result.ok) {
        process.stdout.write(`OK: ${archive} is intact\n`);
        return;
      }
      for (const problem of result.problems) process.stdout.write(`ALTERED: ${problem.file}: ${problem.message}\n`);
      process.stdout.write(`NOT OK: ${result.problems.length} problems in ${archive}\n`);
      process.exitCode = 2;
    });

  return evidence;
}
