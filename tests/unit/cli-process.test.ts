/**
 * The CLI as a real process, started in a directory with a `.env`: it must read its settings the
 * way the bot does (the environment first, then `.env`). No network; one temp dir, removed after.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const TSX = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(PACKAGE_ROOT, 'src', 'cli.ts');
const INVALID_GLOSSARY = path.join(PACKAGE_ROOT, 'tests/fixtures/bad/unknown-related.json');
const VALID_GLOSSARY = path.join(PACKAGE_ROOT, 'tests/fixtures/small');

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'glossary-cli-dotenv-'));
  await writeFile(path.join(directory, '.env'), `GLOSSARY_PATHS=${INVALID_GLOSSARY}\n`);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs the CLI in the temp dir with only `env` (plus PATH and HOME): no DISCORD_TOKEN, no GLOSSARY_PATHS. */
async function runCliProcess(args: string[], env: Record<string, string> = {}) {
  const child = spawn(TSX, [CLI, ...args], {
    cwd: directory,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

describe('glossary CLI process', () => {
  it('reads GLOSSARY_PATHS from .env in the working directory, as the bot does', async () => {
    const { code, stderr } = await runCliProcess(['validate']);
    expect(stderr).toMatch(/unknown-related\.json:\d+:\d+: error: entry "epoch" field "related\[0\]": related id "batch-sise" does not exist/);
    expect(stderr).toMatch(/1 error\(s\)/);
    expect(code).toBe(2);
  });

  it('lets a variable already set in the environment win over .env', async () => {
    const { code, stdout, stderr } = await runCliProcess(['validate', '--json'], { GLOSSARY_PATHS: VALID_GLOSSARY });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, entries: 12, errors: 0 });
    expect(code).toBe(0);
  });
});
