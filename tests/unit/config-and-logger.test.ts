import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DISCORD_API_DEFAULT, loadConfig } from '../../src/config.js';
import { SHIPPED_GLOSSARY_DIR } from '../../src/paths.js';
import { createLogger } from '../../src/logger.js';

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

  it('adds to or replaces the shipped glossary through GLOSSARY_PATHS', () => {
    const add = loadConfig({ DISCORD_TOKEN: 'abc', GLOSSARY_PATHS: 'shipped, /srv/terms.yaml' }, 'bot');
    expect(add).toMatchObject({ config: { glossaryPaths: [SHIPPED_GLOSSARY_DIR, '/srv/terms.yaml'] } });
    const replace = loadConfig({ DISCORD_TOKEN: 'abc', GLOSSARY_PATHS: '/srv/glossary' }, 'bot');
    expect(replace).toMatchObject({ config: { glossaryPaths: ['/srv/glossary'] } });
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
});
