/**
 * Starting the bot as users do: `npm start`'s launcher refuses a missing or stale build, start-up
 * stages are logged with their timings, and a Discord that never answers makes the bot say what it
 * waits for and give up in time, naming the URL.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';
import { assertFreshBuild, runNode, type RunningProcess } from './support/processes.js';

let fake: FakeDiscord | undefined;
let running: RunningProcess | undefined;
let silent: { server: Server; sockets: Set<Socket> } | undefined;
let scratch: string | undefined;

beforeAll(() => assertFreshBuild(['dist/src/main.js']));

afterEach(async () => {
  if (running && running.process.exitCode === null) running.process.kill('SIGKILL');
  running = undefined;
  await fake?.stop();
  fake = undefined;
  if (silent) {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise((resolve) => silent!.server.close(resolve));
    silent = undefined;
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** A package laid out like this one, with a stand-in for the built bot that only says it ran. */
function packageWithBuild(): { root: string; built: string; source: string } {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'glossary-start-'));
  const root = scratch;
  for (const folder of ['scripts', 'dist/src', 'src', 'commands']) mkdirSync(path.join(root, folder), { recursive: true });
  copyFileSync(path.join(PACKAGE_ROOT, 'scripts/start.mjs'), path.join(root, 'scripts/start.mjs'));
  const built = path.join(root, 'dist/src/main.js');
  writeFileSync(built, "console.log('the built bot ran');\n");
  const source = path.join(root, 'src/main.ts');
  writeFileSync(source, '// source\n');
  return { root, built, source };
}

const setAge = (file: string, secondsAgo: number) => {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
};

describe('npm start (scripts/start.mjs)', () => {
  it('runs the build when it is newer than every source', async () => {
    const { root, built, source } = packageWithBuild();
    setAge(source, 60);
    setAge(built, 30);
    running = runNode(path.join(root, 'scripts/start.mjs'), {}, { cwd: root });
    expect(await running.exited).toBe(0);
    expect(running.output().stdout).toBe('the built bot ran\n');
  });

  it('refuses a build older than a source, naming the file and the fix', async () => {
    const { root, built, source } = packageWithBuild();
    setAge(built, 60);
    setAge(source, 30);
    running = runNode(path.join(root, 'scripts/start.mjs'), {}, { cwd: root });
    expect(await running.exited).toBe(2);
    expect(running.output().stdout).toBe('');
    expect(running.output().stderr).toMatch(/older than the sources \(src\/main\.ts changed after it was built\)\. Run `npm run build`/);
  });

  it('refuses to start without a build', async () => {
    const { root, built } = packageWithBuild();
    rmSync(built);
    running = runNode(path.join(root, 'scripts/start.mjs'), {}, { cwd: root });
    expect(await running.exited).toBe(2);
    expect(running.output().stderr).toMatch(/not built: dist\/src\/main\.js is missing\. Run `npm run build`/);
  });
});

describe('start-up', () => {
  it('logs each stage with its milliseconds at debug level, then ready', async () => {
    fake = await startFakeDiscord({ token: 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.startup.test-token' });
    running = runNode('dist/src/main.js', { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' });
    await running.waitForOutput(/"stage":"prepare-answers"/);
    const lines = running
      .output()
      .stdout.split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { stage?: string; ms?: number; atMs?: number; msg: string });
    const stages = lines.filter((line) => line.stage !== undefined);
    expect(stages.map((line) => line.stage)).toEqual(['config', 'glossary-load', 'index-build', 'login', 'prepare-word-forms', 'prepare-answers']);
    for (const stage of stages.slice(1)) expect(stage.ms, stage.stage).toEqual(expect.any(Number));
    expect(stages[0]!.atMs).toEqual(expect.any(Number));
    const loaded = lines.find((line) => line.stage === 'glossary-load') as { entries?: number } | undefined;
    expect(loaded).toMatchObject({ entries: expect.any(Number), files: expect.any(Number) });
    // The shipped glossary fits the memory of rendered answers, so every entry is rendered ahead.
    expect(lines.find((line) => line.stage === 'prepare-answers')).toMatchObject({ entries: loaded!.entries });
    // 'ready' says, like the stages, how long after the process started it came.
    expect(lines.find((line) => line.msg === 'ready')).toMatchObject({ atMs: expect.any(Number) });
    expect(running.output().stdout).not.toContain(fake.token);
  });

  it('says what it waits for when Discord never answers, and gives up naming the URL', async () => {
    // A server that accepts connections and never says a word, like a black-holed proxy.
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    silent = { server, sockets };
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const apiUrl = `http://127.0.0.1:${port}/api`;
    const token = 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.silent.test-token';

    running = runNode('dist/src/main.js', { DISCORD_TOKEN: token, DISCORD_API_URL: apiUrl, DISCORD_CONNECT_TIMEOUT: '3', LOG_LEVEL: 'info' });
    expect(await running.exited).toBe(1);
    const { stdout, stderr } = running.output();
    expect(stdout).toContain('"msg":"connecting to Discord"');
    expect(stdout).toContain(`"msg":"still waiting for the gateway address from ${apiUrl} (GET /gateway/bot)"`);
    expect(stderr).toContain(`The bot could not start: Discord did not answer within 3 s at ${apiUrl}: no reply while waiting for the gateway address`);
    expect(stdout + stderr).not.toContain(token);
  });
});
