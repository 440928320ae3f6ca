import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { passwordsInUrl, redact, rememberSecrets } from './redact.js';

/** The one reader of process.env. Every other module receives a Config. */

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const urlWithProtocols = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, e.g. ${example}`,
    );

/** A variable set to nothing (FOO= in .env) counts as not set, so its default applies. */
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalUrl = (protocols: string[], example: string) => z.preprocess(blankAsUnset, urlWithProtocols(protocols, example).optional());

export const configSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .regex(/^\d{15,21}$/, 'must be the numeric application id (a snowflake) from the Discord developer portal')
      .optional(),
  ),
  DISCORD_API_BASE: optionalUrl(['http:', 'https:'], 'http://127.0.0.1:8080/api'),
  DISCORD_GUILD_ID: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .regex(/^\d{15,21}$/, 'must be a numeric guild id (a snowflake)')
      .optional(),
  ),
  DISCORD_SHARDS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(auto|[1-9]\d{0,5})$/, 'must be auto or a positive whole number of gateway shards, e.g. 2')
      .default('auto')
      .transform((value) => (value === 'auto' ? ('auto' as const) : Number(value))),
  ),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'postgres://user@127.0.0.1:5432/duban'),
  REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  TZ: z.string().trim().default('Asia/Shanghai').refine(isValidTimeZone, 'must be an IANA time zone name such as Asia/Shanghai'),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  WORKERS_IN_PROCESS: z.stringbool({ error: 'must be true or false' }).default(true),
  WORKER_NICENESS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a whole number from 0 to 19' })
      .int('must be a whole number from 0 to 19')
      .min(0, 'must be a whole number from 0 to 19')
      .max(19, 'must be a whole number from 0 to 19')
      .default(10),
  ),
  OPS_PORT: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole port number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .optional(),
  ),
  OPS_PASSWORD: z.preprocess(
    (value) => (typeof value === 'string' && value === '' ? undefined : value),
    z.string().min(12, 'must be at least 12 characters (it guards the queue dashboard)').optional(),
  ),
  OPS_ALLOWED_HOSTS: z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((entry) => entry.trim())
            .filter((entry) => entry !== '')
        : [],
    z.array(
      z
        .string()
        .toLowerCase()
        .regex(
          /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/,
          'must list host names separated by commas, each optionally with :port (no scheme or path), e.g. ops.example.org,ops.example.org:8443',
        ),
    ),
  ),
  LEDGER_PORT: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim().toLowerCase() : value),
    z
      .union([
        z.literal('off'),
        z.coerce
          .number({ error: 'must be a port number or off' })
          .int('must be a whole port number or off')
          .min(1, 'must be between 1 and 65535, or off')
          .max(65535, 'must be between 1 and 65535, or off'),
      ])
      .optional(),
  ),
  LEDGER_HOST: z
    .string()
    .trim()
    .regex(/^(?:[a-zA-Z0-9.-]+|\[[0-9a-fA-F:]+\])$/, 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  PUBLIC_URL: z.preprocess(
    blankAsUnset,
    urlWithProtocols(['http:', 'https:'], 'https://duban.example.gov.cn')
      .refine((value) => {
        const url = new URL(value);
        return url.pathname === '/' && url.search === '' && url.hash === '';
      }, 'must be the address (scheme, host and port) the ledger is served at, with no path, e.g. https://duban.example.gov.cn')
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
  ),
  LEDGER_LINK_HOURS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: 'must be a number of hours' })
      .int('must be a whole number of hours')
      .min(1, 'must be between 1 and 720 hours')
      .max(720, 'must be between 1 and 720 hours')
      .default(24),
  ),
  LEDGER_SECRET: z.preprocess(
    (value) => (typeof value === 'string' && value === '' ? undefined : value),
    z.string().min(32, 'must be at least 32 characters (it signs the ledger links), e.g. the output of `openssl rand -base64 48`').optional(),
  ),
});

export type Config = Readonly<{
  discordToken: string | undefined;
  discordApplicationId: string | undefined;
  discordApiBase: string | undefined;
  discordGuildId: string | undefined;
  /** Gateway shards this process connects with: 'auto' asks Discord for its recommended count. */
  discordShards: 'auto' | number;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** True when REDIS_URL was not given, so a private redis-server may be started. */
  redisUrlIsDefault: boolean;
  dataDir: string;
  timeZone: string;
  logLevel: (typeof logLevels)[number];
  workersInProcess: boolean;
  /** The scheduling priority (nice) a separate worker process lowers itself to, so a bot on the same machine answers people first. */
  workerNiceness: number;
  /** The ops listener (health, metrics, queue dashboard) on 127.0.0.1; off when undefined. */
  opsPort: number | undefined;
  /** HTTP basic-auth password of the queue dashboard; the dashboard is off without one. */
  opsPassword: string | undefined;
  /** Host names besides loopback the ops listener answers to (a reverse proxy's public name); Host headers naming anything else are refused. */
  opsAllowedHosts: readonly string[];
  /** The web ledger's port; null when LEDGER_PORT=off. */
  ledgerPort: number | null;
  /** True when LEDGER_PORT was not given (the bot serves on the default; a worker only when it is given). */
  ledgerPortIsDefault: boolean;
  ledgerHost: string;
  /** The ledger's address as people open it (behind a reverse proxy), without a trailing slash. */
  publicUrl: string | undefined;
  ledgerLinkHours: number;
  /** Signs the ledger links; without it the bot generates one and keeps it under DATA_DIR. */
  ledgerSecret: string | undefined;
}>;

export const DEFAULT_LEDGER_PORT = 8787;

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

const secretNames = new Set(['DISCORD_TOKEN', 'OPS_PASSWORD', 'LEDGER_SECRET']);
const urlNames = ['DATABASE_URL', 'REDIS_URL'] as const;

/** Parses the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Remembered before validating: a message about a bad value, or a later connection failure, must not show them.
  rememberSecrets([...[...secretNames].map((name) => env[name]), ...urlNames.flatMap((name) => passwordsInUrl(env[name]))]);
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      // The variable, also for a problem inside a list (OPS_ALLOWED_HOSTS' second entry is path [name, 1]).
      const name = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
      // A secret is never echoed back into logs or a terminal; a URL is echoed with its password masked.
      const value = typeof env[name] === 'string' && !secretNames.has(name) ? ` (got "${redact(env[name])}")` : '';
      return `${name} ${issue.message}${value}`;
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  return Object.freeze({
    discordToken: e.DISCORD_TOKEN,
    discordApplicationId: e.DISCORD_APPLICATION_ID,
    discordApiBase: e.DISCORD_API_BASE,
    discordGuildId: e.DISCORD_GUILD_ID,
    discordShards: e.DISCORD_SHARDS,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL ?? DEFAULT_REDIS_URL,
    redisUrlIsDefault: e.REDIS_URL === undefined,
    dataDir: path.resolve(e.DATA_DIR),
    timeZone: e.TZ,
    logLevel: e.LOG_LEVEL,
    workersInProcess: e.WORKERS_IN_PROCESS,
    workerNiceness: e.WORKER_NICENESS,
    opsPort: e.OPS_PORT,
    opsPassword: e.OPS_PASSWORD,
    opsAllowedHosts: Object.freeze([...e.OPS_ALLOWED_HOSTS]),
    ledgerPort: e.LEDGER_PORT === 'off' ? null : (e.LEDGER_PORT ?? DEFAULT_LEDGER_PORT),
    ledgerPortIsDefault: e.LEDGER_PORT === undefined,
    ledgerHost: e.LEDGER_HOST,
    publicUrl: e.PUBLIC_URL,
    ledgerLinkHours: e.LEDGER_LINK_HOURS,
    ledgerSecret: e.LEDGER_SECRET,
  });
}

/** Reads .env into process.env when present; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
