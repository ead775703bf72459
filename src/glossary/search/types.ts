import type { Entry } from '../schema.js';

/**
 * How a query reached its entry: the term itself, one of its aliases, a fuzzy match (a typo),
 * another form of the name's words ("distilled" for Knowledge Distillation), or the name spotted
 * among other words ("leaky relu activation").
 */
export type MatchKind = 'exact' | 'alias' | 'fuzzy' | 'word-form' | 'spotted';

export interface Suggestion {
  entry: Entry;
  /** The term or alias that matched, as written in the glossary. */
  matchedText: string;
  matchedBy: MatchKind;
  /** Set on an autocomplete row that offers a comparison: the second entry, `entry` being the first named. */
  comparedWith?: Entry;
}

/** One entry answers the query. `suggestions` may be computed when first read: read it only when it is shown. */
export interface EntryAnswer {
  kind: 'entry';
  found: true;
  entry: Entry;
  matchedBy: MatchKind;
  matchedText: string;
  suggestions: Suggestion[];
}

/** The query asks how two entries differ ("bagging vs boosting"); the first named comes first. */
export interface ComparisonAnswer {
  kind: 'comparison';
  found: true;
  entries: readonly [Suggestion, Suggestion];
  suggestions: Suggestion[];
}

/** Nothing answers the query with confidence: only did-you-mean suggestions, best first. */
export interface NoAnswer {
  kind: 'none';
  found: false;
  suggestions: Suggestion[];
}

/** What one name (a term, alias or a typo of one) resolves to. */
export type NameResult = EntryAnswer | NoAnswer;

export type ResolveResult = EntryAnswer | ComparisonAnswer | NoAnswer;

/**
 * A glossary name read among the normalised words of a query: the words at `covered` are the
 * name's words, between `start` and `end` (exclusive).
 */
export interface Reading {
  entry: Entry;
  matchedText: string;
  kind: 'term' | 'alias';
  start: number;
  end: number;
  covered: ReadonlySet<number>;
  /** The name's words stand together and in order, as in the name. */
  contiguous: boolean;
  /** Some word is another form of the name's word ("distilled" for "distillation"). */
  byStem: boolean;
  /** Generic words of the name are not there ("recurrent networks" for Recurrent Neural Network). */
  incomplete: boolean;
}

/** One autocomplete row, already within Discord's limits (name and value ≤ 100 characters). */
export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface SearchHit {
  entry: Entry;
  score: number;
}
