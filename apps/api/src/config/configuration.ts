import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** The background work an instance can take part in; each runs on one instance at a time (a lock). */
export const PROCESSORS = ['projections', 'reactions', 'relay', 'sealer'] as const;
export type Processor = (typeof PROCESSORS)[number];

const processors = z
  .string()
  .trim()
  .default('all')
  .transform((value) =>
    value === 'all'
      ? [...PROCESSORS]
      : value === 'none' || value === ''
        ? []
        : value.split(',').map((name) => name.trim()),
  )
  .pipe(z.array(z.enum(PROCESSORS, { message: `"all", "none" or a list of ${PROCESSORS.join(', ')}` })));

/** Every setting the service reads from the environment, validated at start. */
const settings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  READ_DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres'),
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: optionalText.pipe(z.string().startsWith('esdb').optional()),
  KAFKA_BROKERS: optionalText,
  KAFKA_CLIENT_ID: z.string().trim().min(1).default('relationship-agreement'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
    .default('iso20000'),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(3),
  KAFKA_TOPIC_REPLICATION: z.coerce.number().int().min(1).default(1),
  KAFKA_RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(2000),
  AUDIT_SIGNING_KEY: optionalText,
  AUDIT_SIGNING_KEY_FILE: z.string().default('.data/audit-signing-key.pem'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60_000),
  AUTH_JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  PROCESSORS: processors,
});

/** Settings whose values may hold credentials: never echoed in errors or logs. */
const SECRET_SETTINGS = new Set([
  'DATABASE_URL',
  'READ_DATABASE_URL',
  'EVENTSTORE_CONNECTION_STRING',
  'AUTH_JWT_SECRET',
  'AUDIT_SIGNING_KEY',
]);

export type Configuration = z.infer<typeof settings>;

/** Whether this instance takes part in `processor` (PROCESSORS). */
export const runsProcessor = (config: Configuration, processor: Processor) => config.PROCESSORS.includes(processor);

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
  if (config.NODE_ENV === 'production' && !config.AUDIT_SIGNING_KEY) {
    throw new ConfigurationError('AUDIT_SIGNING_KEY', 'required in production (an Ed25519 private key in PEM)');
  }
  if (config.READ_DATABASE_URL && !config.DATABASE_URL) {
    throw new ConfigurationError('READ_DATABASE_URL', 'needs DATABASE_URL (the primary it replicates)');
  }
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigurationError('EVENTSTORE_CONNECTION_STRING', 'required when EVENT_STORE=eventstoredb');
  }
  return config;
}
