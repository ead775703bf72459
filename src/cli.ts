#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeConfigProblems, loadCliConfig, readEnvironment } from './config.js';
import { loadGlossary } from './glossary/load.js';
import { openGlossary, type OpenGlossary } from './glossary/open.js';
import { formatProblem, type Problem } from './glossary/problems.js';
import type { Entry } from './glossary/schema.js';
import { escapeControls, stringifyJsonForTerminal } from './terminal-text.js';

export const EXIT = { ok: 0, notFound: 1, usage: 2 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

/** The commands, for the text usage and for `help --json`. */
const COMMANDS = [
  { name: 'define', arguments: '<query>', description: 'the entry for a term, alias or typo, or "did you mean"' },
  { name: 'suggest', arguments: '<partial>', description: 'autocomplete suggestions for what has been typed' },
  { name: 'search', arguments: '<text>', description: 'full-text search over definitions and explanations' },
  { name: 'list', arguments: '[--category <id>]', description: 'every term, or the terms of one category' },
  { name: 'categories', arguments: '', description: 'the categories with their sizes' },
  { name: 'validate', arguments: '[files...]', description: 'check glossary files (default: GLOSSARY_PATHS or the shipped glossary)' },
] as const;

const SYNOPSIS = 'glossary <command> [arguments] [--json]';
const EXIT_CODES = { [EXIT.ok]: 'found/ok', [EXIT.notFound]: 'not found', [EXIT.usage]: 'bad usage or invalid data' };

const USAGE = [
  `Usage: ${SYNOPSIS}`,
  '',
  'Commands:',
  ...COMMANDS.map((command) => `  ${`${command.name} ${command.arguments}`.trim().padEnd(26)}${command.description}`),
  '',
  `Exit codes: ${Object.entries(EXIT_CODES).map(([code, meaning]) => `${code} ${meaning}`).join(', ')}.`,
].join('\n');

function helpDocument() {
  return { usage: SYNOPSIS, commands: COMMANDS, exitCodes: EXIT_CODES };
}

/**
 * Something the user has to fix. Under --json it is printed on stdout as `{ error, ...fields }`,
 * so a script always gets one JSON document; as text, `text` (or the error) goes to stderr.
 */
interface Failure {
  error: string;
  /** What helps a script act on the error: the usage, the glossary problems, the known categories. */
  fields?: Record<string, unknown>;
  /** The text rendering when it says more than `error`; already escaped for the terminal. */
  text?: string;
}

function usageFailure(error: string): Failure {
  return { error, fields: helpDocument(), text: `${escapeControls(error)}\n\n${USAGE}` };
}

function report(io: CliIo, json: boolean, failure: Failure): number {
  if (json) printJson(io, { error: failure.error, ...failure.fields });
  else io.err(failure.text ?? escapeControls(failure.error));
  return EXIT.usage;
}

/**
 * Whether the arguments ask for JSON, read from them directly so that it holds even when they do
 * not parse. Arguments after "--" are text, not options.
 */
export function asksForJson(argv: readonly string[]): boolean {
  const endOfOptions = argv.indexOf('--');
  const options = endOfOptions === -1 ? argv : argv.slice(0, endOfOptions);
  return options.some((argument) => argument === '--json' || argument.startsWith('--json='));
}

/** A bug or an environment we did not expect: still one JSON document under --json, and exit 2. */
export function reportUnexpectedFailure(io: CliIo, argv: readonly string[], error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return report(io, asksForJson(argv), {
    error: `unexpected failure: ${message}`,
    text: `glossary: unexpected failure: ${escapeControls(details, { keepLineBreaks: true })}`,
  });
}

/** Runs one CLI command; returns the exit code. Everything it prints goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    return reportUnexpectedFailure(io, argv, error);
  }
}

async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, category: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return report(io, asksForJson(argv), usageFailure(error instanceof Error ? error.message : String(error)));
  }
  const { positionals, values } = parsed;
  const [command, ...rest] = positionals;
  const json = values.json ?? false;
  const text = rest.join(' ').trim();
  if (values.help || command === 'help') {
    if (json) printJson(io, helpDocument());
    else io.out(USAGE);
    return EXIT.ok;
  }
  if (command === undefined) return report(io, json, { ...usageFailure('No command given.'), text: USAGE });

  if (command === 'validate' && rest.length > 0) return validate(rest, json, io);

  const needsText = ['define', 'search'];
  if (needsText.includes(command) && text === '') {
    return report(io, json, usageFailure(`"${command}" needs some text, e.g. glossary ${command} gradient descent`));
  }
  if (!COMMANDS.some(({ name }) => name === command)) return report(io, json, usageFailure(`Unknown command "${command}".`));

  // The settings are read with the bot's rules, so the CLI loads the glossary the bot would load.
  const settings = loadCliConfig(io.env);
  if (!settings.ok) {
    const error = 'The configuration has problems; set these in the environment or in .env.';
    return report(io, json, { error, fields: { problems: settings.problems }, text: escapeControls(describeConfigProblems(settings.problems), { keepLineBreaks: true }) });
  }
  const { glossaryPaths } = settings.config;
  if (command === 'validate') return validate(glossaryPaths, json, io);

  const opened = await openGlossary(glossaryPaths);
  if (!opened.ok) {
    const error = 'The glossary has errors; fix them or run "glossary validate".';
    return report(io, json, { error, fields: { problems: opened.problems }, text: [...opened.problems.map(formatProblemForTerminal), error].join('\n') });
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
  io.out(stringifyJsonForTerminal(value));
}

function define({ engine, glossary }: OpenGlossary, query: string, json: boolean, io: CliIo): number {
  const result = engine.resolve(query);
  const suggestionIds = result.suggestions.map((suggestion) => suggestion.entry.id);
  switch (result.kind) {
    case 'none':
      if (json) printJson(io, { found: false, kind: 'none', query, suggestions: suggestionIds });
      else {
        const names = result.suggestions.map((suggestion) => escapeControls(suggestion.entry.term));
        io.out(`No term matches "${escapeControls(query)}".${names.length > 0 ? ` Did you mean: ${names.join(', ')}?` : ''}`);
      }
      return EXIT.notFound;
    case 'comparison': {
      const entries = result.entries.map((side) => side.entry);
      // The comparison as a list of entries, the first named first.
      if (json) printJson(io, { found: true, kind: 'comparison', entries });
      else io.out(entries.map((entry) => entryText(glossary, entry)).join('\n\n----\n\n'));
      return EXIT.ok;
    }
    case 'entry':
      if (json) {
        printJson(io, { found: true, kind: 'entry', matchedBy: result.matchedBy, matchedText: result.matchedText, entry: result.entry, suggestions: suggestionIds });
      } else {
        io.out(entryText(glossary, result.entry, result.matchedBy === 'exact' ? undefined : `matched ${result.matchedBy}: ${result.matchedText}`));
      }
      return EXIT.ok;
  }
}

/** An entry as plain text for a terminal, every glossary string escaped. */
function entryText(glossary: OpenGlossary['glossary'], entry: Entry, how?: string): string {
  const category = glossary.categories.get(entry.category);
  const related = entry.related.map((id) => escapeControls(glossary.entries.get(id)?.term ?? id));
  const lines = [
    escapeControls(entry.term),
    `${escapeControls(category?.name ?? entry.category)}${how === undefined ? '' : `  (${escapeControls(how)})`}`,
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
  return lines.join('\n');
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
    const known = [...glossary.categories.keys()];
    return report(io, json, {
      error: `Unknown category "${categoryId}".`,
      fields: { categories: known },
      text: `Unknown category "${escapeControls(categoryId)}". Known: ${known.map((id) => escapeControls(id)).join(', ')}`,
    });
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
  if (json) {
    const failed = errors > 0 ? { error: `The glossary has ${errors} error(s).` } : {};
    printJson(io, { ...failed, ok: errors === 0, files, entries: glossary?.entries.size ?? 0, errors, warnings, problems });
  }
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
  const argv = process.argv.slice(2);
  const io: CliIo = { out: (text) => console.log(text), err: (text) => console.error(text), env: process.env };
  // Configured like the bot: the environment, then .env. runCli reports its own failures; the
  // catch is for what escapes even that (reading .env included), still as JSON under --json.
  Promise.resolve()
    .then(() => runCli(argv, { ...io, env: readEnvironment() }))
    .catch((error: unknown) => reportUnexpectedFailure(io, argv, error))
    .then((code) => {
      process.exitCode = code;
    });
}
