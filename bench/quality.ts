import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import type { Entry } from '../src/glossary/schema.js';
import type { SearchEngine } from '../src/glossary/search/engine.js';
import { PACKAGE_ROOT } from '../src/paths.js';

/**
 * A query and the answer a tutor expects: an entry id, two ids for a comparison (first named
 * first), or null when the glossary has no entry for what is asked.
 */
export interface LabelledQuery {
  query: string;
  expected: string | null;
  class: string;
}

interface LabelledQueryFile {
  queries: Array<{ query: string; expected: string | [string, string] | null; class: string }>;
}

const fixture = (name: string) => path.join(PACKAGE_ROOT, 'tests', 'fixtures', name);

/** Typos, spellings, word order, questions: the first set, which must stay at its figures. */
export const EVAL_FILE = fixture('eval-queries.json');
/** Questions, context words, word forms, comparisons and absent concepts, written blind to the engine. */
export const UNDERSTANDING_EVAL_FILE = fixture('eval-understanding.json');
/**
 * Later blind sets of the same kinds, each by another writer who never read the engine, in the
 * order they were written, with how each was used: measured untouched once, and then (except the
 * last) studied while the engine was tuned, so only their first measure was blind.
 */
export const LATER_BLIND_SETS: ReadonlyArray<{ file: string; use: string }> = [
  { file: fixture('eval-understanding-fresh.json'), use: 'second: its failures were studied while the engine was tuned' },
  { file: fixture('eval-understanding-final.json'), use: 'third: measured once, then its failures guided rules' },
  { file: fixture('eval-understanding-check.json'), use: 'fourth: measured once at the end of a session, then studied' },
  { file: fixture('eval-understanding-blind-a.json'), use: 'fifth (A): measured once untouched, then developed against' },
  { file: fixture('eval-understanding-blind-b.json'), use: 'sixth (B): measured untouched before and after the rules from A, then studied' },
  { file: fixture('eval-understanding-blind-c.json'), use: 'seventh (C): measured once untouched, then studied' },
  { file: fixture('eval-understanding-blind-d.json'), use: 'eighth (D): measured once untouched, then studied' },
  { file: fixture('eval-understanding-blind-e.json'), use: 'ninth (E, more absent concepts beside terms): measured once untouched, then its wrong answers studied' },
  { file: fixture('eval-understanding-blind-f.json'), use: 'tenth (F): measured once untouched, then its wrong answers studied' },
  { file: fixture('eval-understanding-blind-g.json'), use: 'eleventh (G): written while the last rules were added; measured once, not studied' },
];
/** A smaller set of the same kinds, for developing against without looking at the held-out one. */
export const UNDERSTANDING_DEV_FILE = fixture('eval-understanding-dev.json');

/** The answer key of a comparison, as searchers report it. */
export function comparisonKey(first: string, second: string): string {
  return `${first} vs ${second}`;
}

export function loadEvalQueries(file = EVAL_FILE): LabelledQuery[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as LabelledQueryFile).queries.map((labelled) => ({
    ...labelled,
    expected: Array.isArray(labelled.expected) ? comparisonKey(...labelled.expected) : labelled.expected,
  }));
}

/**
 * A searcher under evaluation: its single answer (an entry id, a comparison key, or null for
 * "not found") and its ranked list, and what autocomplete offers for the same text.
 */
export interface Searcher {
  name: string;
  answer(query: string): { top: string | null; ranked: string[] };
  /** Autocomplete for a partial input, best first, as answer keys. */
  suggestions(partial: string): string[];
}

export function engineSearcher(engine: SearchEngine): Searcher {
  return {
    name: 'engine',
    answer(query) {
      const result = engine.resolve(query);
      const suggestions = result.suggestions.map((suggestion) => suggestion.entry.id);
      switch (result.kind) {
        case 'entry':
          return { top: result.entry.id, ranked: [result.entry.id, ...suggestions] };
        case 'comparison': {
          const [first, second] = result.entries;
          return { top: comparisonKey(first.entry.id, second.entry.id), ranked: [comparisonKey(first.entry.id, second.entry.id), first.entry.id, second.entry.id] };
        }
        case 'none':
          return { top: null, ranked: suggestions };
      }
    },
    suggestions: (partial) =>
      engine.suggest(partial).map(({ entry, comparedWith }) => (comparedWith ? comparisonKey(entry.id, comparedWith.id) : entry.id)),
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
    suggestions: (partial) => fuse.search(partial, { limit: 25 }).map((result) => result.item.id),
  };
}

export interface ClassScore {
  queries: number;
  top1: number;
  mrr: number;
  recallAt5: number;
  /** The expected answer among the first five autocomplete choices for the whole query. */
  autocompleteAt5: number;
  /** No-answer queries that got an answer anyway. */
  falseMatches: number;
}

export interface QualityReport {
  byClass: Map<string, ClassScore>;
  overall: ClassScore;
  noAnswer: ClassScore;
  /** Classes whose every query expects "not found". */
  noAnswerClasses: Set<string>;
  failures: Array<{ query: string; expected: string | null; got: string | null; class: string }>;
}

export function evaluate(searcher: Searcher, queries: readonly LabelledQuery[]): QualityReport {
  const byClass = new Map<string, ClassScore>();
  const blank = (): ClassScore => ({ queries: 0, top1: 0, mrr: 0, recallAt5: 0, autocompleteAt5: 0, falseMatches: 0 });
  const overall = blank();
  const noAnswer = blank();
  const failures: QualityReport['failures'] = [];
  const noAnswerCounts = new Map<ClassScore, number>();
  for (const labelled of queries) {
    const score = byClass.get(labelled.class) ?? blank();
    byClass.set(labelled.class, score);
    const { top, ranked } = searcher.answer(labelled.query);
    if (labelled.expected === null) {
      noAnswerCounts.set(score, (noAnswerCounts.get(score) ?? 0) + 1);
      for (const target of [score, noAnswer]) {
        target.queries += 1;
        if (top !== null) target.falseMatches += 1;
      }
      if (top !== null) failures.push({ ...labelled, got: top });
      continue;
    }
    const rank = ranked.indexOf(labelled.expected) + 1;
    const offered = searcher.suggestions(labelled.query).slice(0, 5).includes(labelled.expected);
    for (const target of [score, overall]) {
      target.queries += 1;
      if (top === labelled.expected) target.top1 += 1;
      if (rank > 0) target.mrr += 1 / rank;
      if (rank > 0 && rank <= 5) target.recallAt5 += 1;
      if (offered) target.autocompleteAt5 += 1;
    }
    if (top !== labelled.expected) failures.push({ ...labelled, got: top });
  }
  const noAnswerClasses = new Set([...byClass].filter(([, score]) => score.queries > 0 && score.queries === noAnswerCounts.get(score)).map(([name]) => name));
  return { byClass, overall, noAnswer, noAnswerClasses, failures };
}

/** Typing a term letter by letter: how many keystrokes until it is the first suggestion. */
export function keystrokesToFirst(searcher: Searcher, entry: Entry): number | undefined {
  for (let length = 1; length <= entry.term.length; length++) {
    if (searcher.suggestions(entry.term.slice(0, length))[0] === entry.id) return length;
  }
  return undefined;
}
