import { findNodeAtLocation, type ParseError, parseTree, printParseErrorCode, type Node } from 'jsonc-parser';
import { type Document, isNode, LineCounter, parseDocument, visit } from 'yaml';
import { jsonNestingBeyond, MAX_NESTING, yamlNestingBeyond } from './nesting.js';

export type PathSegment = string | number;

/** A parsed glossary file: its data, and a way to find the line of any value in it. */
export interface ParsedText {
  data: unknown;
  locate(path: readonly PathSegment[]): { line: number; column: number } | undefined;
}

export type ParseOutcome = { ok: true; parsed: ParsedText } | { ok: false; message: string; line: number; column: number };

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function parseGlossaryText(file: string, text: string): ParseOutcome {
  return isYamlFile(file) ? parseYaml(text) : parseJson(text);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function nestedTooDeeply(text: string, offset: number): ParseOutcome & { ok: false } {
  const message = `refused: nested too deeply (more than ${MAX_NESTING} levels of lists and objects); a glossary file needs about 5`;
  return { ok: false, message, ...lineAndColumn(text, offset) };
}

/**
 * JSON.parse reads the data: it is several times faster than jsonc-parser's scanner on a large
 * glossary, and it gives flat strings, where jsonc-parser's are slices that keep the whole file
 * alive and are slower to read character by character when the search index is built. The
 * syntax tree, which only positions need, is built on the first `locate` (a file with problems).
 */
function parseJson(file: string): ParseOutcome {
  // A byte-order mark is not JSON, but editors on Windows write one; it is not an error to report.
  const text = file.charCodeAt(0) === 0xfeff ? file.slice(1) : file;
  const tooDeep = jsonNestingBeyond(text);
  if (tooDeep !== undefined) return nestedTooDeeply(text, tooDeep);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return jsonSyntaxError(text, error as Error);
  }
  let tree: Node | undefined;
  return {
    ok: true,
    parsed: {
      data,
      locate: (path) => {
        tree ??= parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
        const node = tree && findNodeAtLocation(tree, [...path]);
        return node ? lineAndColumn(text, node.offset) : undefined;
      },
    },
  };
}

/** Where and why the JSON is invalid, as jsonc-parser tells it (JSON.parse gives no line or column). */
function jsonSyntaxError(text: string, error: Error): ParseOutcome & { ok: false } {
  if (text.trim() === '') return { ok: false, message: 'invalid JSON: the file is empty', line: 1, column: 1 };
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) return { ok: false, message: `invalid JSON: ${printParseErrorCode(first.error)}`, ...lineAndColumn(text, first.offset) };
  // jsonc-parser found nothing wrong, so the two parsers disagree somewhere: JSON.parse decides.
  return { ok: false, message: `invalid JSON: ${error.message}`, line: 1, column: 1 };
}

/**
 * How far YAML aliases may expand, in the yaml package's measure (for each anchor: its uses times
 * the aliases nested in it). A glossary file needs few or no aliases; the limit stops a "billion
 * laughs" file (anchors of anchors, each expanding nine-fold) from growing into gigabytes. The
 * yaml package counts and throws; we turn that into a problem.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

function parseYaml(text: string): ParseOutcome {
  const tooDeep = yamlNestingBeyond(text);
  if (tooDeep !== undefined) return nestedTooDeeply(text, tooDeep);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0] ?? { line: 1, col: 1 };
    const message = first.message.split('\n')[0] ?? first.message;
    return { ok: false, message: `invalid YAML: ${message}`, line: position.line, column: position.col };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    return yamlConversionError(document, lineCounter, error);
  }
  return {
    ok: true,
    parsed: {
      data,
      locate: (path) => {
        const node = document.getIn([...path], true);
        if (!isNode(node) || !node.range) return undefined;
        const position = lineCounter.linePos(node.range[0]);
        return { line: position.line, column: position.col };
      },
    },
  };
}

/** A document that parsed but could not become data: almost always an alias bomb. */
function yamlConversionError(document: Document, lineCounter: LineCounter, error: unknown): ParseOutcome & { ok: false } {
  const reason = error instanceof Error ? error.message : String(error);
  // The yaml package cannot say which alias went over the limit; the first one is where the
  // expansion starts, so that is the place to show.
  const at = firstAliasOffset(document);
  const { line, col } = at === undefined ? { line: 1, col: 1 } : lineCounter.linePos(at);
  const message = /excessive alias count/i.test(reason)
    ? `refused: its aliases expand to more than ${MAX_YAML_ALIAS_COUNT} nodes (a "billion laughs" file); a glossary needs few or no aliases`
    : `invalid YAML: ${reason}`;
  return { ok: false, message, line, column: col };
}

function firstAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_, alias) {
      offset = alias.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}
