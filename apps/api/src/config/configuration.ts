import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** Every setting the service reads from the environment, validated at start. */
const settings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres'),
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: optionalText.pipe(z.string().startsWith('esdb').optional()),
  KAFKA_BROKERS: optionalText,
});

/** Settings whose values may hold credentials: never echoed in errors or logs. */
const SECRET_SETTINGS = new Set(['DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING']);

export type Configuration = z.infer<typeof settings>;

export class ConfigurationError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${setting}: ${reason}`);
  }
}

/** Reads the configuration, or throws a ConfigurationError naming the first bad setting. */
export function loadConfiguration(env: NodeJS.ProcessEnv = process.env): Configuration {
  const parsed = settings.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0]);
    const shown = SECRET_SETTINGS.has(setting) ? '' : ` (got ${JSON.stringify(env[setting])})`;
    throw new ConfigurationError(setting, `${issue.message}${shown}`);
  }
  const config = parsed.data;
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigurationError('EVENTSTORE_CONNECTION_STRING', 'required when EVENT_STORE=eventstoredb');
  }
  return config;
}
