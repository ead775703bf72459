import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import type { Entry } from '../src/glossary/schema.js';
import type { SearchEngine } from '../src/glossary/search/engine.js';
import { PACKAGE_ROOT } from '../src/paths.js';

export interface LabelledQuery {
  query: string;
  expected: string | null;
  class: string;
}

export const EVAL_FILE = path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'eval-queries.json');

export function loadEvalQueries(): LabelledQuery[] {
  return (JSON.parse(readFileSync(EVAL_FILE, 'utf8')) as { queries: LabelledQuery[] }).queries;
}

/** A searcher under evaluation: its single answer (or null for "not found") and its ranked list. */
export interface Searcher {
  name: string;
  answer(query: string): { top: string | null; ranked: string[] };
  /** The first autocomplete result for a partial input. */
  firstSuggestion(partial: string): string | undefined;
}

export function engineSearcher(engine: SearchEngine): Searcher {
  return {
    name: 'engine',
    answer(query) {
      const result = engine.resolve(query);
      const suggestions = result.suggestions.map((suggestion) => suggestion.entry.id);
      return result.found ? { top: result.entry.id, ranked: [result.entry.id, ...suggestions] } : { top: null, ranked: suggestions };
    },
    firstSuggestion: (partial) => engine.suggest(partial)[0]?.entry.id,
  };
}

/** Plain fuse.js as most glossary bots use it: default options over term and aliases. */
export function plainFuse(entries: readonly Entry[]): Fuse<Entry> {
  return new Fuse(entries, { keys: ['term', 'aliases'], includeScore: true });
}

export function fuseSearcher(entries: readonly Entry[]): Searcher {
  const fuse = plainFuse(entries);
  return {
    name: 'plain fuse.js',
    answer(query) {
      const ranked = fuse.search(query, { limit: 10 }).map((result) => result.item.id);
      return { top: ranked[0] ?? null, ranked };
    },
    firstSuggestion: (partial) => fuse.search(partial, { limit: 1 })[0]?.item.id,
  };
}

export interface ClassScore {
  queries: number;
  top1: number;
  mrr: number;
  recallAt5: number;
  /** No-answer queries that got an answer anyway. */
  falseMatches: number;
}

export interface QualityReport {
  byClass: Map<string, ClassScore>;
  overall: ClassScore;
  noAnswer: ClassScore;
  failures: Array<{ query: string; expected: string | null; got: string | null; class: string }>;
}

export function evaluate(searcher: Searcher, queries: readonly LabelledQuery[]): QualityReport {
  const byClass = new Map<string, ClassScore>();
  const blank = (): ClassScore => ({ queries: 0, top1: 0, mrr: 0, recallAt5: 0, falseMatches: 0 });
  const overall = blank();
  const noAnswer = blank();
  const failures: QualityReport['failures'] = [];
  for (const labelled of queries) {
    const score = byClass.get(labelled.class) ?? blank();
    byClass.set(labelled.class, score);
    const { top, ranked } = searcher.answer(labelled.query);
    if (labelled.expected === null) {
      for (const target of [score, noAnswer]) {
        target.queries += 1;
        if (top !== null) target.falseMatches += 1;
      }
      if (top !== null) failures.push({ ...labelled, got: top });
      continue;
    }
    const rank = ranked.indexOf(labelled.expected) + 1;
    for (const target of [score, overall]) {
      target.queries += 1;
      if (top === labelled.expected) target.top1 += 1;
      if (rank > 0) target.mrr += 1 / rank;
      if (rank > 0 && rank <= 5) target.recallAt5 += 1;
    }
    if (top !== labelled.expected) failures.push({ ...labelled, got: top });
  }
  return { byClass, overall, noAnswer, failures };
}

/** Typing a term letter by letter: how many keystrokes until it is the first suggestion. */
export function keystrokesToFirst(searcher: Searcher, entry: Entry): number | undefined {
  for (let length = 1; length <= entry.term.length; length++) {
    if (searcher.firstSuggestion(entry.term.slice(0, length)) === entry.id) return length;
  }
  return undefined;
}
