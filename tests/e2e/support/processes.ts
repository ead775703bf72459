import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../../src/paths.js';

export interface RunningProcess {
  process: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** Resolves when stdout or stderr has printed something matching `pattern`; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<string>;
}

/**
 * A script of this package run by node as a user would run it, configured only through `env`
 * (run from tests/, where no .env is found, unless `cwd` says otherwise).
 */
export function runNode(script: string, env: Record<string, string>, options: { cwd?: string } = {}): RunningProcess {
  const child = spawn(process.execPath, [path.isAbsolute(script) ? script : path.join(PACKAGE_ROOT, script)], {
    cwd: options.cwd ?? path.join(PACKAGE_ROOT, 'tests'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const collect = (append: (text: string) => void) => (chunk: Buffer) => {
    append(chunk.toString());
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect((text) => (stdout += text)));
  child.stderr!.on('data', collect((text) => (stderr += text)));
  // 'close', not 'exit': by then everything the process printed has been read.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return {
    process: child,
    exited,
    output: () => ({ stdout, stderr }),
    waitForOutput(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout) ?? pattern.exec(stderr);
          if (!match) return false;
          listeners.delete(check);
          resolve(match[0]);
          return true;
        };
        if (check()) return;
        listeners.add(check);
        void exited.then((code) => {
          if (listeners.delete(check)) reject(new Error(`exited (${String(code)}) before printing ${String(pattern)}:\n${stdout}\n${stderr}`));
        });
      });
    },
  };
}

/** The most recently changed TypeScript file that the build compiles (tsconfig.build.json: src and commands). */
function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  for (const root of ['src', 'commands']) {
    for (const entry of readdirSync(path.join(PACKAGE_ROOT, root), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const { mtimeMs } = statSync(file);
      if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
    }
  }
  return newest;
}

/**
 * Testing an old build would pass or fail for code that is no longer there, so tests of the built
 * bot refuse a missing or stale `dist/` and say what to do instead.
 */
export function assertFreshBuild(scripts: readonly string[]): void {
  const newest = newestSource();
  for (const script of scripts) {
    const built = path.join(PACKAGE_ROOT, script);
    if (!existsSync(built)) {
      throw new Error(`${script} is missing. These tests run the built bot, as \`npm start\` does: run \`npm run build\` first (\`npm test\` does).`);
    }
    if (newest.mtimeMs > statSync(built).mtimeMs) {
      throw new Error(
        `${script} is older than ${path.relative(PACKAGE_ROOT, newest.file)}, so it may not be the code under test: ` +
          'run `npm run build` first (`npm test` does).',
      );
    }
  }
}
