import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { glossaryJsonSchema } from '../src/glossary/schema.js';
import { PACKAGE_ROOT } from '../src/paths.js';

/** Writes the editor JSON Schema from the runtime schema; a test fails if the committed copy is stale. */
export const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'data', 'schema', 'glossary.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(glossaryJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
