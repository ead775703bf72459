import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_API_DEFAULT, loadCliConfig, loadConfig, readEnvironment } from '../../src/config.js';
import { SHIPPED_GLOSSARY_DIR } from '../../src/paths.js';
import { createLogger, redactSecrets } from '../../src/logger.js';

describe('configuration', () => {
  it('fills defaults and trims the API URL', () => {
    const result = loadConfig({ DISCORD_TOKEN: 'abc.def', DISCORD_API_URL: 'http://127.0.0.1:9/api/' }, 'bot');
    expect(result).toEqual({
      ok: true,
      config: { token: 'abc.def', clientId: undefined, guildId: undefined, apiUrl: 'http://127.0.0.1:9/api', connectTimeoutMs: 30_000, logLevel: 'info', prettyLogs: false, glossaryPaths: [SHIPPED_GLOSSARY_DIR] },
    });
    expect(loadConfig({ DISCORD_TOKEN: 'abc' }, 'bot')).toMatchObject({ config: { apiUrl: DISCORD_API_DEFAULT } });
  });

  it('reads the login time limit in whole seconds and refuses nonsense', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc', DISCORD_CONNECT_TIMEOUT: '5' }, 'bot')).toMatchObject({ config: { connectTimeoutMs: 5000 } });
    for (const bad of ['soon', '0', '2.5', '9999']) {
      const result = loadConfig({ DISCORD_TOKEN: 'abc', DISCORD_CONNECT_TIMEOUT: bad }, 'bot');
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.problems.join('\n')).toMatch(/^DISCORD_CONNECT_TIMEOUT must be/);
    }
  });

  it('lists every problem at once', () => {
    const result = loadConfig({ DISCORD_TOKEN: ' ', DISCORD_CLIENT_ID: 'me', LOG_LEVEL: 'chatty', DISCORD_API_URL: 'discord' }, 'deploy');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/DISCORD_TOKEN is required/);
    expect(result.problems.join('\n')).toMatch(/DISCORD_CLIENT_ID must be a Discord id/);
    expect(result.problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(result.problems.join('\n')).toMatch(/DISCORD_API_URL/);
  });

  it('lists both missing settings for deploy-commands with an empty environment', () => {
    expect(loadConfig({}, 'deploy')).toEqual({
      ok: false,
      problems: [
        'DISCORD_TOKEN is required: the bot token from the Developer Portal (Bot → Reset Token)',
        'DISCORD_CLIENT_ID is required to register commands: the Application ID from the Developer Portal (General Information)',
      ],
    });
    expect(loadConfig({ DISCORD_TOKEN: 'abc' }, 'deploy')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^DISCORD_CLIENT_ID is required/)] });
    expect(loadConfig({ DISCORD_TOKEN: 'abc', DISCORD_CLIENT_ID: '123456789012345678' }, 'deploy')).toMatchObject({ ok: true, config: { clientId: '123456789012345678' } });
    expect(loadConfig({}, 'bot')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^DISCORD_TOKEN is required/)] });
  });

  it('adds to or replaces the shipped glossary through GLOSSARY_PATHS', () => {
    const add = loadConfig({ DISCORD_TOKEN: 'abc', GLOSSARY_PATHS: 'shipped, /srv/terms.yaml' }, 'bot');
    expect(add).toMatchObject({ config: { glossaryPaths: [SHIPPED_GLOSSARY_DIR, '/srv/terms.yaml'] } });
    const replace = loadConfig({ DISCORD_TOKEN: 'abc', GLOSSARY_PATHS: '/srv/glossary' }, 'bot');
    expect(replace).toMatchObject({ config: { glossaryPaths: ['/srv/glossary'] } });
  });
});

describe('reading the environment', () => {
  let directory: string | undefined;
  afterEach(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
    directory = undefined;
  });

  it('adds what .env sets, but a variable already in the environment wins', async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'glossary-config-'));
    await writeFile(path.join(directory, '.env'), 'GLOSSARY_PATHS=/from/dotenv\nLOG_LEVEL=debug\n');
    const environment: Record<string, string | undefined> = { GLOSSARY_PATHS: '/from/environment' };
    expect(readEnvironment(directory, environment)).toEqual({ GLOSSARY_PATHS: '/from/environment', LOG_LEVEL: 'debug' });
  });

  it('leaves the environment as it is when there is no .env', async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'glossary-config-'));
    expect(readEnvironment(directory, { LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn' });
  });
});

describe('CLI configuration', () => {
  it('needs no Discord token and reads GLOSSARY_PATHS as the bot does', () => {
    expect(loadCliConfig({})).toEqual({ ok: true, config: { glossaryPaths: [SHIPPED_GLOSSARY_DIR] } });
    for (const setting of ['shipped, /srv/terms.yaml', '/srv/glossary', ' ']) {
      const bot = loadConfig({ DISCORD_TOKEN: 'abc', GLOSSARY_PATHS: setting }, 'bot');
      const cli = loadCliConfig({ GLOSSARY_PATHS: setting });
      if (!bot.ok || !cli.ok) throw new Error(`GLOSSARY_PATHS=${setting} should be valid for both`);
      expect(cli.config.glossaryPaths).toEqual(bot.config.glossaryPaths);
    }
  });
});

describe('logger', () => {
  it('never writes the token, even inside error messages and stacks', () => {
    const token = 'MTE4.secret.TOKENVALUE-123';
    const written: string[] = [];
    const destination = new Writable({ write(chunk, _encoding, done) { written.push(chunk.toString()); done(); } });
    const logger = createLogger({ level: 'info', pretty: false, secrets: [token], destination });
    logger.error({ err: new Error(`login failed with ${token}`), token, headers: { authorization: `Bot ${token}` } }, `token was ${token}`);
    const text = written.join('');
    expect(text).toContain('login failed with [REDACTED]');
    expect(text).not.toContain(token);
    expect(JSON.parse(text.trim())).toMatchObject({ msg: 'token was [REDACTED]', token: '[REDACTED]' });
  });

  it('scrubs every secret from a message printed without a logger, and leaves short strings alone', () => {
    const token = 'MTE4.secret.TOKENVALUE-123';
    expect(redactSecrets(`401 for Bot ${token} (${token})`, [token, undefined])).toBe('401 for Bot [REDACTED] ([REDACTED])');
    expect(redactSecrets('a bot token', ['bot'])).toBe('a bot token');
  });
});
