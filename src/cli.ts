#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadGlossary } from './glossary/load.js';
import { openGlossary, type OpenGlossary } from './glossary/open.js';
import { glossaryPaths } from './glossary/paths-setting.js';
import { formatProblem, type Problem } from './glossary/problems.js';
import type { Entry } from './glossary/schema.js';
import { escapeControls } from './terminal-text.js';

export const EXIT = { ok: 0, notFound: 1, usage: 2 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const USAGE = `Usage: glossary <command> [arguments] [--json]

Commands:
  define <query>            the entry for a term, alias or typo, or "did you mean"
  suggest <partial>         autocomplete suggestions for what has been typed
  search <text>             full-text search over definitions and explanations
  list [--category <id>]    every term, or the terms of one category
  categories                the categories with their sizes
  validate [files...]       check glossary files (default: GLOSSARY_PATHS or the shipped glossary)

Exit codes: 0 found/ok, 1 not found, 2 bad usage or invalid data.`;

/** Runs one CLI command; returns the exit code. Everything it prints goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, category: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`${escapeControls((error as Error).message)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { positionals, values } = parsed;
  const [command, ...rest] = positionals;
  const json = values.json ?? false;
  const text = rest.join(' ').trim();
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }

  if (command === 'validate') return validate(rest.length > 0 ? rest : glossaryPaths(io.env.GLOSSARY_PATHS), json, io);

  const needsText = ['define', 'search'];
  if (needsText.includes(command) && text === '') {
    io.err(`"${escapeControls(command)}" needs some text, e.g. glossary ${escapeControls(command)} gradient descent\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (!['define', 'suggest', 'search', 'list', 'categories'].includes(command)) {
    io.err(`Unknown command "${escapeControls(command)}".\n\n${USAGE}`);
    return EXIT.usage;
  }

  const opened = await openGlossary(glossaryPaths(io.env.GLOSSARY_PATHS));
  if (!opened.ok) {
    io.err(opened.problems.map(formatProblemForTerminal).join('\n'));
    io.err('The glossary has errors; fix them or run "glossary validate".');
    return EXIT.usage;
  }
  const glossary = opened.value;
  switch (command) {
    case 'define':
      return define(glossary, text, json, io);
    case 'suggest':
      return suggest(glossary, text, json, io);
    case 'search':
      return search(glossary, text, json, io);
    case 'list':
      return list(glossary, values.category, json, io);
    default:
      return categories(glossary, json, io);
  }
}

function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

function define({ engine, glossary }: OpenGlossary, query: string, json: boolean, io: CliIo): number {
  const result = engine.resolve(query);
  const suggestionIds = result.suggestions.map((suggestion) => suggestion.entry.id);
  if (!result.found) {
    if (json) printJson(io, { found: false, query, suggestions: suggestionIds });
    else {
      const names = result.suggestions.map((suggestion) => escapeControls(suggestion.entry.term));
      io.out(`No term matches "${escapeControls(query)}".${names.length > 0 ? ` Did you mean: ${names.join(', ')}?` : ''}`);
    }
    return EXIT.notFound;
  }
  if (json) {
    printJson(io, { found: true, matchedBy: result.matchedBy, matchedText: result.matchedText, entry: result.entry, suggestions: suggestionIds });
    return EXIT.ok;
  }
  const { entry } = result;
  const category = glossary.categories.get(entry.category);
  const related = entry.related.map((id) => escapeControls(glossary.entries.get(id)?.term ?? id));
  const lines = [
    escapeControls(entry.term),
    `${escapeControls(category?.name ?? entry.category)}${result.matchedBy === 'exact' ? '' : `  (matched ${result.matchedBy}: ${escapeControls(result.matchedText)})`}`,
    '',
    escapeControls(entry.definition),
    '',
    // The explanation is written in paragraphs; its line breaks are part of the text.
    escapeControls(entry.explanation, { keepLineBreaks: true }),
  ];
  if (entry.aliases.length > 0) lines.push('', `Also known as: ${entry.aliases.map((alias) => escapeControls(alias)).join(', ')}`);
  if (entry.example) lines.push('', `Example: ${escapeControls(entry.example)}`);
  for (const source of entry.sources ?? []) lines.push(`Source: ${escapeControls(source.title)} <${escapeControls(source.url)}>`);
  if (related.length > 0) lines.push('', `Related: ${related.join(', ')}`);
  io.out(lines.join('\n'));
  return EXIT.ok;
}

function suggest({ engine }: OpenGlossary, partial: string, json: boolean, io: CliIo): number {
  const choices = engine.autocomplete(partial);
  if (json) printJson(io, choices);
  else io.out(choices.map((choice) => `${escapeControls(choice.name)}  [${escapeControls(choice.value)}]`).join('\n'));
  return choices.length > 0 ? EXIT.ok : EXIT.notFound;
}

function search({ engine }: OpenGlossary, text: string, json: boolean, io: CliIo): number {
  const hits = engine.search(text, 10);
  if (json) printJson(io, hits.map(({ entry, score }) => ({ id: entry.id, term: entry.term, score: Number(score.toFixed(3)), definition: entry.definition })));
  else if (hits.length === 0) io.out(`Nothing in the glossary mentions "${escapeControls(text)}".`);
  else io.out(hits.map(({ entry }) => `${escapeControls(entry.term)}: ${escapeControls(entry.definition)}`).join('\n'));
  return hits.length > 0 ? EXIT.ok : EXIT.notFound;
}

function list({ glossary }: OpenGlossary, categoryId: string | undefined, json: boolean, io: CliIo): number {
  if (categoryId !== undefined && !glossary.categories.has(categoryId)) {
    io.err(`Unknown category "${escapeControls(categoryId)}". Known: ${[...glossary.categories.keys()].map((id) => escapeControls(id)).join(', ')}`);
    return EXIT.usage;
  }
  const entries: Entry[] = [...glossary.entries.values()].filter((entry) => categoryId === undefined || entry.category === categoryId);
  if (json) printJson(io, entries.map(({ id, term, category }) => ({ id, term, category })));
  else io.out(entries.map((entry) => escapeControls(entry.term)).join('\n'));
  return EXIT.ok;
}

function categories({ glossary }: OpenGlossary, json: boolean, io: CliIo): number {
  const rows = [...glossary.categories.values()].map((category) => ({
    ...category,
    size: [...glossary.entries.values()].filter((entry) => entry.category === category.id).length,
  }));
  if (json) printJson(io, rows);
  else io.out(rows.map((row) => `${escapeControls(row.name)} (${escapeControls(row.id)}): ${row.size} terms — ${escapeControls(row.description)}`).join('\n'));
  return EXIT.ok;
}

async function validate(paths: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const { glossary, problems, files } = await loadGlossary(paths);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  if (json) printJson(io, { ok: errors === 0, files, entries: glossary?.entries.size ?? 0, errors, warnings, problems });
  else {
    for (const problem of problems) (problem.severity === 'error' ? io.err : io.out)(formatProblemForTerminal(problem));
    const summary = `${files.length} file(s), ${glossary?.entries.size ?? 0} entries: ${errors} error(s), ${warnings} warning(s)`;
    (errors > 0 ? io.err : io.out)(summary);
  }
  return errors > 0 ? EXIT.usage : EXIT.ok;
}

/** A problem's location and message quote file names and glossary text. */
function formatProblemForTerminal(problem: Problem): string {
  return escapeControls(formatProblem(problem));
}

function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (!invoked) return false;
  try {
    return realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = { out: (text) => console.log(text), err: (text) => console.error(text), env: process.env };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`glossary: unexpected failure: ${escapeControls(error instanceof Error ? (error.stack ?? error.message) : String(error), { keepLineBreaks: true })}`);
      process.exitCode = EXIT.usage;
    },
  );
}
