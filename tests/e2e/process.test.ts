/**
 * The bot and deploy script as real processes, configured only through the environment, against
 * the local fake Discord: start-up checks, SIGTERM, and registering commands with one PUT.
 * They run the built `dist/`, which is what `npm start` runs; `npm test` builds it first.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { payloads, startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';
import { assertFreshBuild, runNode } from './support/processes.js';

const MAIN = 'dist/src/main.js';
const DEPLOY = 'dist/src/deploy-commands.js';
let fake: FakeDiscord | undefined;
let child: ChildProcess | undefined;

beforeAll(() => assertFreshBuild([MAIN, DEPLOY]));

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await fake?.stop();
  fake = undefined;
});

describe('the bot process', () => {
  it('refuses to start with a readable list of every configuration problem, exit code 2', async () => {
    const started = runNode(MAIN, { DISCORD_API_URL: 'ftp://nowhere', LOG_LEVEL: 'loud', DISCORD_GUILD_ID: '12' });
    expect(await started.exited).toBe(2);
    const { stderr } = started.output();
    expect(stderr).toMatch(/DISCORD_TOKEN is required/);
    expect(stderr).toMatch(/DISCORD_API_URL must be an http\(s\) URL/);
    expect(stderr).toMatch(/LOG_LEVEL/);
    expect(stderr).toMatch(/DISCORD_GUILD_ID must be a Discord id/);
  });

  it('refuses to start on an invalid glossary, exit code 2, naming file and problem', async () => {
    const started = runNode(MAIN, { DISCORD_TOKEN: 'abc.def.ghi-token', GLOSSARY_PATHS: path.join(PACKAGE_ROOT, 'tests/fixtures/bad/unknown-related.json') });
    expect(await started.exited).toBe(2);
    expect(started.output().stderr).toMatch(/unknown-related\.json:\d+:\d+: error: entry "epoch" field "related\[0\]"/);
  });

  it('answers, then on SIGTERM stops taking work, disconnects and exits 0', async () => {
    fake = await startFakeDiscord({ token: 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.process.test-token' });
    const started = runNode(MAIN, { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'info' });
    child = started.process;
    await fake.waitForReady();
    const { id } = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [payloads.option.string('term', 'backprop')] }));
    const callback = await fake.waitForCallback(id);
    expect((callback.body as { data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toBe('Backpropagation');

    child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    const logs = started.output().stdout;
    expect(logs).toMatch(/"msg":"stopped"/);
    expect(logs).not.toContain(fake.token);
    expect(fake.problems()).toEqual([]);
  });
});

describe('deploy-commands', () => {
  it.each([
    ['to the development guild when DISCORD_GUILD_ID is set', true],
    ['globally otherwise', false],
  ])('registers the whole command set with one PUT %s', async (_label, toGuild) => {
    fake = await startFakeDiscord({ token: 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.deploy.test-token' });
    const env: Record<string, string> = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_CLIENT_ID: fake.world.applicationId };
    if (toGuild) env.DISCORD_GUILD_ID = fake.world.guild.id;
    const deployed = runNode(DEPLOY, env);
    expect(await deployed.exited).toBe(0);
    const puts = fake.requests.filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(toGuild ? `/applications/${fake.world.applicationId}/guilds/${fake.world.guild.id}/commands` : `/applications/${fake.world.applicationId}/commands`);
    const commands = puts[0]!.body as Array<{ name: string; integration_types: number[]; contexts: number[]; type?: number }>;
    expect(commands.map((command) => command.name).sort()).toEqual(['Explain terms', 'browse', 'define', 'help', 'random', 'search']);
    for (const command of commands) {
      expect(command.integration_types).toEqual([0, 1]);
      expect(command.contexts).toEqual([0, 1, 2]);
    }
    expect(fake.problems()).toEqual([]);
    expect(deployed.output().stdout).toMatch(toGuild ? /Registered 6 commands in guild/ : /Registered 6 commands globally/);
  });

  it('needs DISCORD_CLIENT_ID and says so', async () => {
    const deployed = runNode(DEPLOY, { DISCORD_TOKEN: 'abc.def.ghi-token' });
    expect(await deployed.exited).toBe(2);
    expect(deployed.output().stderr).toMatch(/DISCORD_CLIENT_ID is required/);
  });
});
