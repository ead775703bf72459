import type { Entry } from '../schema.js';

/** How a query reached its entry: the term itself, one of its aliases, or a fuzzy match. */
export type MatchKind = 'exact' | 'alias' | 'fuzzy';

export interface Suggestion {
  entry: Entry;
  /** The term or alias that matched, as written in the glossary. */
  matchedText: string;
  matchedBy: MatchKind;
}

/** `suggestions` of a found result may be computed when first read: read it only when it is shown. */
export type ResolveResult =
  | { found: true; entry: Entry; matchedBy: MatchKind; matchedText: string; suggestions: Suggestion[] }
  | { found: false; suggestions: Suggestion[] };

/** One autocomplete row, already within Discord's limits (name and value ≤ 100 characters). */
export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface SearchHit {
  entry: Entry;
  score: number;
}
