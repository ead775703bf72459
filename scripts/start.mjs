// `npm start`: run the built bot as it is. `npm install` builds dist/ (the `prepare` script), so
// starting does not compile again; it only refuses to run a build that is missing or older than
// the sources beside it, which would otherwise run yesterday's code without a word.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'src', 'main.js');
const SOURCE_DIRECTORIES = ['src', 'commands'];

function newestSource(directory) {
  let newest = { file: undefined, mtimeMs: 0 };
  if (!existsSync(directory)) return newest;
  for (const item of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, item.name);
    const candidate = item.isDirectory() ? newestSource(full) : item.name.endsWith('.ts') ? { file: full, mtimeMs: statSync(full).mtimeMs } : newest;
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

if (!existsSync(entry)) {
  console.error('The bot is not built: dist/src/main.js is missing. Run `npm run build` (npm install does it too), or `npm run dev` to run the sources directly.');
  process.exit(2);
}
const built = statSync(entry).mtimeMs;
for (const directory of SOURCE_DIRECTORIES) {
  const newest = newestSource(path.join(root, directory));
  if (newest.mtimeMs > built) {
    console.error(
      `The build in dist/ is older than the sources (${path.relative(root, newest.file)} changed after it was built). ` +
        'Run `npm run build` first, or `npm run dev` to run the sources directly.',
    );
    process.exit(2);
  }
}
await import(pathToFileURL(entry).href);
