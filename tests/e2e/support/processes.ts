import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
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
