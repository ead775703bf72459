import { z } from 'zod';
import { glossaryPaths } from './glossary/paths-setting.js';

export const DISCORD_API_DEFAULT = 'https://discord.com/api';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const environmentSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankToUndefined,
    z.string({ error: 'is required: the bot token from the Developer Portal (Bot → Reset Token)' }).regex(/^\S+$/, 'must not contain spaces'),
  ),
  DISCORD_CLIENT_ID: z.preprocess(blankToUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(blankToUndefined, snowflake.optional()),
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

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Environment → typed settings, with every problem listed at once. The deploy script also needs
 * the application id; the bot learns it from Discord when it connects.
 */
export function loadConfig(env: Record<string, string | undefined>, purpose: 'bot' | 'deploy'): ConfigResult {
  const parsed = environmentSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (purpose === 'deploy' && parsed.success && parsed.data.DISCORD_CLIENT_ID === undefined) {
    problems.push('DISCORD_CLIENT_ID is required to register commands: the Application ID from the Developer Portal (General Information)');
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
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
