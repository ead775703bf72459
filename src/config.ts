import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { glossaryPaths } from './glossary/paths-setting.js';

export const DISCORD_API_DEFAULT = 'https://discord.com/api';

/** Variable name → value, as in process.env. */
export type Environment = Record<string, string | undefined>;

/**
 * The environment that the bot, the deploy script and the terminal CLI are all configured from:
 * the process environment, plus `.env` in the working directory for what it does not set already
 * (a variable set in the environment wins). One function, so that `npm run validate` checks the
 * glossary the bot would load. The parameters are there for tests.
 */
export function readEnvironment(directory: string = process.cwd(), environment: Environment = process.env): Environment {
  dotenv.config({ path: path.join(directory, '.env'), processEnv: environment, quiet: true });
  return environment;
}

/** A Discord id; `requiredMessage` is what to say when it is missing, for the settings that need it. */
const snowflake = (requiredMessage?: string) =>
  z.string(requiredMessage === undefined ? undefined : { error: requiredMessage }).regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const environmentSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankToUndefined,
    z.string({ error: 'is required: the bot token from the Developer Portal (Bot → Reset Token)' }).regex(/^\S+$/, 'must not contain spaces'),
  ),
  DISCORD_CLIENT_ID: z.preprocess(blankToUndefined, snowflake().optional()),
  DISCORD_GUILD_ID: z.preprocess(blankToUndefined, snowflake().optional()),
  DISCORD_API_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
      .default(DISCORD_API_DEFAULT)
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  DISCORD_CONNECT_TIMEOUT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second')
      .max(600, 'must be at most 600 seconds')
      .default(30),
  ),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  NODE_ENV: z.preprocess(blankToUndefined, z.string().default('production')),
  GLOSSARY_PATHS: z.preprocess(blankToUndefined, z.string().optional()),
});

export interface Config {
  token: string;
  clientId: string | undefined;
  guildId: string | undefined;
  apiUrl: string;
  /** How long logging in to Discord may take before start-up gives up. */
  connectTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  prettyLogs: boolean;
  glossaryPaths: string[];
}

export type ConfigResult<Settings = Config> = { ok: true; config: Settings } | { ok: false; problems: string[] };

/** What the terminal CLI reads from the environment: only the glossary, so it needs no token. */
export interface CliConfig {
  glossaryPaths: string[];
}

/**
 * The deploy script also needs the application id; the bot learns it from Discord when it
 * connects. Required in the schema, so that it is reported together with every other problem.
 */
const deployEnvironmentSchema = environmentSchema.extend({
  DISCORD_CLIENT_ID: z.preprocess(
    blankToUndefined,
    snowflake('is required to register commands: the Application ID from the Developer Portal (General Information)'),
  ),
});

/** The same rules as for the bot, applied to the settings the CLI uses. */
const cliEnvironmentSchema = environmentSchema.pick({ GLOSSARY_PATHS: true });

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
}

export function loadCliConfig(env: Environment): ConfigResult<CliConfig> {
  const parsed = cliEnvironmentSchema.safeParse(env);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  return { ok: true, config: { glossaryPaths: glossaryPaths(parsed.data.GLOSSARY_PATHS) } };
}

/** Environment → typed settings, with every problem listed at once. */
export function loadConfig(env: Environment, purpose: 'bot' | 'deploy'): ConfigResult {
  const parsed = (purpose === 'deploy' ? deployEnvironmentSchema : environmentSchema).safeParse(env);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const data = parsed.data;
  return {
    ok: true,
    config: {
      token: data.DISCORD_TOKEN,
      clientId: data.DISCORD_CLIENT_ID,
      guildId: data.DISCORD_GUILD_ID,
      apiUrl: data.DISCORD_API_URL,
      connectTimeoutMs: data.DISCORD_CONNECT_TIMEOUT * 1000,
      logLevel: data.LOG_LEVEL,
      prettyLogs: data.NODE_ENV === 'development',
      glossaryPaths: glossaryPaths(data.GLOSSARY_PATHS),
    },
  };
}

export function describeConfigProblems(problems: readonly string[]): string {
  return `Configuration problems (set these in the environment or in .env; see .env.example):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}
