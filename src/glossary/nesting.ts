import { CST, Lexer } from 'yaml';

/**
 * How deeply lists and objects may nest in a glossary file. A glossary needs about five levels
 * (file → entries → entry → sources → source). jsonc-parser and the yaml package recurse once per
 * level, so a file nested some thousands deep overflows the stack, and in the yaml package a
 * nearly exhausted stack has ended in a fatal out-of-memory abort that no catch can stop. The
 * files are therefore measured with the loops below, which use no recursion, before any parser
 * sees them.
 */
export const MAX_NESTING = 64;

// Matches anything that opens or closes a level, or starts a string; strings are then skipped
// with indexOf, so the brackets inside them do not count.
const JSON_STRUCTURE = /[[\]{}"]/g;

/**
 * Where a JSON text first goes more than `limit` lists/objects deep (the offset of the bracket
 * that does), or undefined. Invalid JSON is measured too (100,000 "[" with no "]" is refused
 * here, before a parser tries it). About a third of JSON.parse's time on a large file.
 */
export function jsonNestingBeyond(text: string, limit = MAX_NESTING): number | undefined {
  const structure = new RegExp(JSON_STRUCTURE);
  let depth = 0;
  for (let match = structure.exec(text); match !== null; match = structure.exec(text)) {
    const char = text.charCodeAt(match.index);
    if (char === 0x22 /* " */) structure.lastIndex = endOfJsonString(text, match.index) + 1;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > limit) return match.index;
    } else depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** The offset of the quote that closes the string opened at `open`, or the text's end. */
function endOfJsonString(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/** Tokens that begin a node in block context ("- ", "? ", a scalar, an alias). */
const BLOCK_NODE_STARTS = new Set<string>(['seq-item-ind', 'explicit-key-ind', 'scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'alias', 'block-scalar-header']);
/** The lexer's own markers: they stand for no characters of the text. */
const MARKERS = new Set<string>([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

interface YamlDepth {
  /** Columns of the block nodes open at this point, outermost first. */
  columns: number[];
  flow: number;
  offset: number;
  lineStart: number;
  /** The next token is scalar text, whatever character it starts with. */
  scalarText: boolean;
  /** The next scalar is the body of a block scalar ("|" or ">"), not a new node. */
  blockBody: boolean;
}

/**
 * Where a YAML text first goes more than `limit` levels deep, or undefined. Measured on the
 * yaml package's lexer (a loop, no recursion): block nesting by the columns of the nodes open
 * on the way to each node, flow nesting by brackets. A scalar counts as a level, and a list
 * written at its key's own indentation shares the key's level, so the count is within a level
 * or a factor of two of the true depth, far below where a parser would overflow.
 */
export function yamlNestingBeyond(text: string, limit = MAX_NESTING): number | undefined {
  const state: YamlDepth = { columns: [], flow: 0, offset: 0, lineStart: 0, scalarText: false, blockBody: false };
  for (const token of new Lexer().lex(text)) {
    const start = state.offset;
    if (!state.scalarText && MARKERS.has(token)) {
      // A SCALAR marker comes before the scalar's text; the others carry no text either.
      state.scalarText = token === CST.SCALAR;
      if (token === CST.FLOW_END) state.flow = 0;
      if (token === CST.SCALAR && enterNode(state, 'scalar', start) > limit) return start;
      continue;
    }
    const type = state.scalarText ? null : CST.tokenType(token);
    state.scalarText = false;
    advance(state, token);
    if (type !== null && enterNode(state, type, start) > limit) return start;
  }
  return undefined;
}

/** Updates the levels for a token of `type` at `offset`; returns the depth there. */
function enterNode(state: YamlDepth, type: string, offset: number): number {
  if (type === 'flow-seq-start' || type === 'flow-map-start') state.flow += 1;
  else if (type === 'flow-seq-end' || type === 'flow-map-end') state.flow = Math.max(0, state.flow - 1);
  else if (type === 'doc-start') state.columns = [];
  else if (state.flow === 0 && BLOCK_NODE_STARTS.has(type)) {
    if (type === 'scalar' && state.blockBody) state.blockBody = false;
    else {
      // A node closes every open node at its column or to its right: they were its siblings
      // or their children.
      const column = offset - state.lineStart;
      while (state.columns.length > 0 && state.columns[state.columns.length - 1]! >= column) state.columns.pop();
      state.columns.push(column);
      state.blockBody = type === 'block-scalar-header';
    }
  }
  return state.columns.length + state.flow;
}

/** Moves past a token's text, noting where the last line in it starts. */
function advance(state: YamlDepth, token: string): void {
  const newline = token.lastIndexOf('\n');
  if (newline !== -1) state.lineStart = state.offset + newline + 1;
  state.offset += token.length;
}
