import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './problems.js';

const GLOSSARY_FILE = /\.(json|ya?ml)$/i;

export interface CollectOptions {
  /** How a path appears in a problem (the loader shows paths relative to its working directory). */
  show?: (file: string) => string;
}

/** What a walk over the given paths has found so far. */
interface Walk {
  files: string[];
  problems: Problem[];
  show: (file: string) => string;
  /** Real paths of the files and directories taken so far: each is read once, however it is reached. */
  seen: Set<string>;
}

/**
 * Expands files and directories (recursively, sorted) into glossary files. Editor schemas are
 * skipped. Symbolic links are followed, but every real file and directory is read once, and a
 * link back to a directory that contains it is reported instead of followed.
 */
export async function collectGlossaryFiles(paths: readonly string[], options: CollectOptions = {}): Promise<{ files: string[]; problems: Problem[] }> {
  const walk: Walk = { files: [], problems: [], show: options.show ?? ((file) => file), seen: new Set() };
  for (const target of paths) await visit(walk, target, true, []);
  if (walk.files.length === 0 && walk.problems.length === 0) {
    walk.problems.push({ severity: 'error', file: paths.map(walk.show).join(', ') || '(none)', message: 'no glossary files (.json, .yaml, .yml) found' });
  }
  return { files: walk.files, problems: walk.problems };
}

/** A directory on the way down: its real path, to spot loops, and its path as written, to name it. */
interface Ancestor {
  real: string;
  target: string;
}

async function visit(walk: Walk, target: string, explicit: boolean, ancestors: readonly Ancestor[]): Promise<void> {
  const real = await resolveTarget(walk, target);
  if (real === undefined) return;
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(real)).isDirectory();
  } catch (error) {
    walk.problems.push({ severity: 'error', file: walk.show(target), message: describeFsError(error) });
    return;
  }
  if (isDirectory) await visitDirectory(walk, target, real, ancestors);
  else if ((explicit || (GLOSSARY_FILE.test(target) && !target.endsWith('.schema.json'))) && !walk.seen.has(real)) {
    walk.seen.add(real);
    walk.files.push(target);
  }
}

async function visitDirectory(walk: Walk, target: string, real: string, ancestors: readonly Ancestor[]): Promise<void> {
  const loop = ancestors.find((ancestor) => ancestor.real === real);
  if (loop) {
    // A warning, not an error: every file under the loop is being read already, so the
    // glossary is complete, and a stray `ln -s . current` should not stop the bot. Reported so
    // it can be removed: before, it was read some forty times over, until the path got too long.
    const message = `symbolic link loop: points back to ${walk.show(loop.target)}, which is already being read; not followed`;
    walk.problems.push({ severity: 'warning', file: walk.show(target), message });
    return;
  }
  // Reached before by another path (two links to one directory): its files are already in.
  if (walk.seen.has(real)) return;
  walk.seen.add(real);
  let names: string[];
  try {
    names = (await readdir(target)).sort();
  } catch (error) {
    walk.problems.push({ severity: 'error', file: walk.show(target), message: `cannot list the directory: ${describeFsError(error)}` });
    return;
  }
  const below = [...ancestors, { real, target }];
  for (const name of names) await visit(walk, path.join(target, name), false, below);
}

/** The real path behind `target`, or undefined once the reason it has none is reported. */
async function resolveTarget(walk: Walk, target: string): Promise<string | undefined> {
  try {
    return await realpath(target);
  } catch (error) {
    walk.problems.push({ severity: 'error', file: walk.show(target), message: await describeUnresolved(target, error) });
    return undefined;
  }
}

/** Why a path has no real path: missing, a link to nothing, a loop of links, or forbidden. */
async function describeUnresolved(target: string, error: unknown): Promise<string> {
  if (errorCode(error) === 'ENOENT') {
    const points = await danglingLinkTarget(target);
    if (points !== undefined) return `dangling symbolic link: points to ${points}, which does not exist`;
  }
  if (errorCode(error) === 'ELOOP') return 'symbolic link loop: following the links never reaches a file or directory';
  return describeFsError(error);
}

async function danglingLinkTarget(target: string): Promise<string | undefined> {
  try {
    return (await lstat(target)).isSymbolicLink() ? await readlink(target) : undefined;
  } catch {
    return undefined;
  }
}

const FS_ERRORS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'no such file or directory'],
  ['ELOOP', 'symbolic link loop'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['ENOTDIR', 'not a directory (a part of the path is a file)'],
  ['EISDIR', 'is a directory'],
]);

/**
 * A file-system error in words, by its code. Before, every failure to stat a path was reported
 * as "no such file", which sent people looking for a missing file when a link looped or
 * permissions were wrong.
 */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  const known = code === undefined ? undefined : FS_ERRORS.get(code);
  if (known) return known;
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
