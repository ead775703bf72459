import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { collectGlossaryFiles, describeFsError } from './files.js';
import { type ParsedText, parseGlossaryText, type PathSegment } from './parse-file.js';
import { hasErrors, type Problem } from './problems.js';
import { type Category, categorySchema, type Entry, entrySchema, glossaryFileSchema } from './schema.js';
import { type Located, validateGlossary } from './validate.js';

export { collectGlossaryFiles } from './files.js';

export interface Glossary {
  categories: Map<string, Category>;
  /** Entries by id, in A–Z order of their terms. */
  entries: Map<string, Entry>;
}

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  glossary?: Glossary;
  problems: Problem[];
  files: string[];
}

/** Reads, parses and validates every glossary file, reporting every problem at once. */
export async function loadGlossary(paths: readonly string[], options: { cwd?: string } = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const show = (file: string) => path.relative(cwd, file) || file;
  const { files, problems } = await collectGlossaryFiles(paths.map((target) => path.resolve(cwd, target)), { show });
  const categories: Array<Located<Category>> = [];
  const entries: Array<Located<Entry>> = [];

  for (const file of files) {
    const shown = show(file);
    try {
      await loadFile(file, shown, { categories, entries, problems });
    } catch (error) {
      // Parsers and schema checks are meant to report, never throw; if one still does (a case
      // nobody foresaw), that file is refused with the reason instead of the whole load failing
      // with a stack trace.
      problems.push({ severity: 'error', file: shown, message: `could not be read as a glossary file: ${describeError(error)}` });
    }
  }

  if (entries.length > 0 && categories.length === 0 && !hasErrors(problems)) {
    problems.push({ severity: 'error', file: files.join(', '), message: 'entries were found but no categories are declared' });
  }
  problems.push(...validateGlossary(categories, entries));
  if (hasErrors(problems)) return { problems, files };

  // One collator for the whole sort: localeCompare with a locale sets one up per comparison.
  const collator = new Intl.Collator('en');
  const sorted = [...entries].sort((x, y) => collator.compare(x.value.term, y.value.term));
  return {
    glossary: {
      categories: new Map(categories.map(({ value }) => [value.id, value])),
      entries: new Map(sorted.map(({ value }) => [value.id, inReadingOrder(value)])),
    },
    problems,
    files,
  };
}

/** Where one file's categories, entries and problems go. */
interface Collected {
  categories: Array<Located<Category>>;
  entries: Array<Located<Entry>>;
  problems: Problem[];
}

/** Reads, parses and schema-checks one file, adding what it holds to `into`. */
async function loadFile(file: string, shown: string, into: Collected): Promise<void> {
  const { categories, entries, problems } = into;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    problems.push({ severity: 'error', file: shown, message: `cannot read: ${describeFsError(error)}` });
    return;
  }
  const outcome = parseGlossaryText(file, text);
  if (!outcome.ok) {
    problems.push({ severity: 'error', file: shown, line: outcome.line, column: outcome.column, message: outcome.message });
    return;
  }
  const { data } = outcome.parsed;
  const locate = safely(outcome.parsed.locate);
  const located = <T>(value: T, list: 'categories' | 'entries', index: number): Located<T> => ({
    value,
    file: shown,
    path: [list, index],
    locate,
  });
  const checked = glossaryFileSchema.safeParse(data);
  if (checked.success) {
    checked.data.categories?.forEach((category, index) => categories.push(located(category, 'categories', index)));
    checked.data.entries?.forEach((entry, index) => entries.push(located(entry, 'entries', index)));
    return;
  }
  problems.push(...schemaProblems(shown, data, checked.error, locate));
  // Keep the well-formed items, so one bad entry does not make every link to its neighbours
  // look broken as well.
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  asArray(record.categories).forEach((item, index) => {
    const parsed = categorySchema.safeParse(item);
    if (parsed.success) categories.push(located(parsed.data, 'categories', index));
  });
  asArray(record.entries).forEach((item, index) => {
    const parsed = entrySchema.safeParse(item);
    if (parsed.success) entries.push(located(parsed.data, 'entries', index));
  });
}

/**
 * A position is a courtesy: positions are also looked up later, by the whole-glossary checks,
 * outside the per-file guard, so a lookup that fails means "no position" rather than a crash.
 */
function safely(locate: ParsedText['locate']): ParsedText['locate'] {
  return (at) => {
    try {
      return locate(at);
    } catch {
      return undefined;
    }
  };
}

/** An error's name and message, without its stack: problems are read by people editing data. */
function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A fresh copy of the entry (its object and lists; strings are shared). Copied in A–Z order, the
 * entries lie in memory in the order the search index and every list then read them, instead of
 * in file order: at 100,000 terms that saves a cache miss per field read while the index is built.
 */
function inReadingOrder(entry: Entry): Entry {
  return {
    ...entry,
    aliases: [...entry.aliases],
    related: [...entry.related],
    ...(entry.sources ? { sources: entry.sources.map((source) => ({ ...source })) } : {}),
  };
}

function schemaProblems(
  file: string,
  data: unknown,
  error: z.ZodError,
  locate: (path: readonly PathSegment[]) => { line: number; column: number } | undefined,
): Problem[] {
  return error.issues.map((issue) => {
    const issuePath = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    const problem: Problem = { severity: 'error', file, message: issue.message };
    let known = issuePath;
    while (known.length > 0 && !locate(known)) known = known.slice(0, -1);
    Object.assign(problem, locate(known) ?? {});
    if (issuePath[0] === 'entries' || issuePath[0] === 'categories') {
      const index = issuePath[1];
      const item = typeof index === 'number' ? (data as Record<string, unknown[]>)[issuePath[0]]?.[index] : undefined;
      const id = typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? item.id : `#${String(index)}`;
      problem.entry = issuePath[0] === 'entries' ? id : `category ${id}`;
      const field = issuePath.slice(2).map((segment, position) => (typeof segment === 'number' ? `[${segment}]` : `${position ? '.' : ''}${segment}`)).join('');
      if (field) problem.field = field;
    } else if (issuePath.length > 0) problem.field = issuePath.join('.');
    if (issue.code === 'unrecognized_keys') problem.message = `unknown field(s): ${issue.keys.join(', ')}`;
    return problem;
  });
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
