import { findNodeAtLocation, type ParseError, parseTree, printParseErrorCode, type Node } from 'jsonc-parser';
import { isNode, LineCounter, parseDocument } from 'yaml';

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

function parseJson(text: string): ParseOutcome {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first || !tree) {
    const at = lineAndColumn(text, first?.offset ?? 0);
    return { ok: false, message: `invalid JSON: ${first ? printParseErrorCode(first.error) : 'empty file'}`, ...at };
  }
  return {
    ok: true,
    parsed: {
      data: nodeValue(tree),
      locate: (path) => {
        const node = findNodeAtLocation(tree, [...path]);
        return node ? lineAndColumn(text, node.offset) : undefined;
      },
    },
  };
}

/** jsonc-parser's getNodeValue keeps the last of duplicate keys, like JSON.parse. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode && valueNode) result[String(keyNode.value)] = nodeValue(valueNode);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function parseYaml(text: string): ParseOutcome {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0] ?? { line: 1, col: 1 };
    const message = first.message.split('\n')[0] ?? first.message;
    return { ok: false, message: `invalid YAML: ${message}`, line: position.line, column: position.col };
  }
  return {
    ok: true,
    parsed: {
      data: document.toJS(),
      locate: (path) => {
        const node = document.getIn([...path], true);
        if (!isNode(node) || !node.range) return undefined;
        const position = lineCounter.linePos(node.range[0]);
        return { line: position.line, column: position.col };
      },
    },
  };
}
