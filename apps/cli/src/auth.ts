import { Command, Option } from 'commander';
import { ApiKeys } from '../../api/src/auth/api-keys.js';
import { ROLES, type Role } from '../../api/src/auth/roles.js';
import { Tokens } from '../../api/src/auth/tokens.js';
import type { Configuration } from '../../api/src/config/configuration.js';
import type { Database } from '../../api/src/database/database.js';
import { withDatabase } from './database.js';

const roleOption = () => new Option('--role <role>', 'role of the credential').choices(ROLES).makeOptionMandatory();

function tokens(database: Database, config: Configuration): Tokens {
  if (!config.AUTH_JWT_SECRET) throw new Error('AUTH_JWT_SECRET is not set: bearer tokens are disabled');
  return new Tokens(config.AUTH_JWT_SECRET, database.pool);
}

export function authCommands(): Command {
  const auth = new Command('auth').description('Issue and revoke API keys and bearer tokens');

  auth
    .command('create-key')
    .description('Create an API key for a service; the key is printed once')
    .addOption(roleOption())
    .requiredOption('--name <name>', 'what the key is for')
    .action(({ role, name }: { role: Role; name: string }) =>
      withDatabase(async (database) => {
        const { id, key } = await new ApiKeys(database.pool).create(role, name);
        process.stdout.write(`key id ${id} (${role})\nX-API-Key: ${key}\n`);
      }),
    );

  auth
    .command('revoke-key <id>')
    .description('Revoke an API key by its id')
    .action((id: string) =>
      withDatabase(async (database) => {
        if (!(await new ApiKeys(database.pool).revoke(id))) throw new Error(`no active API key with id ${id}`);
        process.stdout.write(`revoked API key ${id}\n`);
      }),
    );

  auth
    .command('issue-token')
    .description('Issue a signed bearer token (needs AUTH_JWT_SECRET)')
    .requiredOption('--subject <person>', 'the person the token is for; recorded as the actor of their commands')
    .addOption(roleOption())
    .option('--expires-in <duration>', 'lifetime, e.g. 8h or 30d', '8h')
    .action(({ subject, role, expiresIn }: { subject: string; role: Role; expiresIn: string }) =>
      withDatabase(async (database, config) => {
        const { token, jti } = await tokens(database, config).issue(subject, [role], expiresIn);
        process.stdout.write(`token id ${jti} (${role}, expires in ${expiresIn})\nAuthorization: Bearer ${token}\n`);
      }),
    );

  auth
    .command('revoke-token <jti>')
    .description('Revoke a bearer token by its id')
    .action((jti: string) =>
      withDatabase(async (database, config) => {
        await tokens(database, config).revoke(jti);
        process.stdout.write(`revoked token ${jti}\n`);
      }),
    );

  return auth;
}
