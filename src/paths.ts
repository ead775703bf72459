import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found by walking up from this file: the same from src/ (tsx) and dist/src/ (built). */
function findPackageRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    directory = parent;
  }
  return directory;
}

export const PACKAGE_ROOT = findPackageRoot();
export const SHIPPED_GLOSSARY_DIR = path.join(PACKAGE_ROOT, 'data');
