import Fuse from 'fuse.js';
import { DISCORD_LIMITS } from '../limits.js';
import { compact, normalize, queryForms, sortedWords } from '../normalize.js';
import type { Entry } from '../schema.js';
import { editDistances } from './edit-distance.js';
import { type FullTextDocument, FullTextIndex } from './fulltext-index.js';
import { PrefixIndex } from './prefix-index.js';
import { TrigramIndex } from './trigram-index.js';
import type { AutocompleteChoice, MatchKind, ResolveResult, SearchHit, Suggestion } from './types.js';

/** One searchable name of an entry: its term or one alias, normalised. */
interface NameKey {
  entryId: string;
  text: string;
  kind: 'term' | 'alias';
  normalized: string;
}

interface Candidate {
  key: NameKey;
  /** Edit distance from the query to the whole key, or to its closest prefix when that is nearer. */
  distance: number;
  /** True when only a prefix of the key is that near: the user may still be typing. */
  prefixOnly: boolean;
  fuseScore: number;
}

const MAX_SUGGESTIONS = DISCORD_LIMITS.autocompleteChoices;
const FUZZY_CANDIDATES = 24;
const PREFIX_SCAN_LIMIT = 20_000;
const DID_YOU_MEAN = 5;
/** Words people wrap around a term without changing what they mean (already singular, American). */
const FILLER_WORDS = new Set(['value', 'method', 'algorithm', 'technique', 'approach', 'concept', 'feature', 'ml', 'ai', 'layer', 'function']);

/** How many edits a fuzzy answer may be away from what was typed, by its length. */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 6) return 1;
  if (length < 10) return 2;
  return 3;
}

/**
 * The search engine: resolve (free text → one entry or an honest "not found"), suggest
 * (autocomplete on every keystroke) and search (full text). Maps answer exact names, a sorted
 * word-prefix index answers what is being typed, and fuse.js re-ranks the few dozen candidates a
 * trigram index proposes, so no query scans the whole glossary.
 */
export class SearchEngine {
  private readonly entries = new Map<string, Entry>();
  private readonly keys: Array<NameKey | undefined> = [];
  private readonly slotsByEntry = new Map<string, number[]>();
  private readonly textSlotByEntry = new Map<string, number>();
  private readonly entryByTextSlot: Array<string | undefined> = [];
  private readonly exact = new Map<string, number>();
  private readonly compactExact = new Map<string, number>();
  private readonly reordered = new Map<string, number>();
  private readonly prefixes = new PrefixIndex();
  private readonly trigrams = new TrigramIndex();
  private readonly fullText = new FullTextIndex();
  private featuredCache: Entry[] | undefined;
  private inboundCache: Map<string, number> | undefined;
  /** The most words any name has, so findMentioned knows how far to look ahead. */
  private longestName = 1;

  constructor(entries: Iterable<Entry> = []) {
    const bulk: Array<{ slot: number; key: string }> = [];
    for (const entry of entries) this.index(entry, bulk);
    this.prefixes.bulkLoad(bulk);
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  /** Adds or replaces one entry without rebuilding the index. */
  add(entry: Entry): void {
    if (this.entries.has(entry.id)) this.remove(entry.id);
    this.index(entry, undefined);
  }

  /** Removes one entry; returns whether it was there. */
  remove(id: string): boolean {
    if (!this.entries.has(id)) return false;
    for (const slot of this.slotsByEntry.get(id) ?? []) {
      const key = this.keys[slot]!;
      this.prefixes.remove(slot, key.normalized);
      this.trigrams.remove(slot, key.normalized);
      for (const [map, mapKey] of this.mapKeys(key)) if (map.get(mapKey) === slot) map.delete(mapKey);
      this.keys[slot] = undefined;
    }
    const textSlot = this.textSlotByEntry.get(id);
    if (textSlot !== undefined) {
      this.fullText.remove(fullTextDocument(textSlot, this.entries.get(id)!));
      this.entryByTextSlot[textSlot] = undefined;
    }
    this.textSlotByEntry.delete(id);
    this.slotsByEntry.delete(id);
    this.entries.delete(id);
    this.featuredCache = undefined;
    this.inboundCache = undefined;
    return true;
  }

  /**
   * What `/define` does with free text: exact term, then alias, then a fuzzy match only when it
   * is clearly ahead of the next entry; otherwise not found, with did-you-mean suggestions.
   */
  resolve(query: string): ResolveResult {
    const forms = queryForms(query);
    for (const form of forms) {
      const slot = this.exactSlot(form);
      if (slot !== undefined) {
        const key = this.keys[slot]!;
        return {
          found: true,
          entry: this.entries.get(key.entryId)!,
          matchedBy: key.kind === 'term' ? 'exact' : 'alias',
          matchedText: key.text,
          suggestions: this.suggestionsExcluding(forms[0]!, key.entryId),
        };
      }
    }
    const form = forms[0];
    if (form === undefined) return { found: false, suggestions: [] };
    const padded = this.withoutFillerWord(form);
    if (padded !== undefined) {
      const key = this.keys[padded]!;
      return { found: true, entry: this.entries.get(key.entryId)!, matchedBy: 'fuzzy', matchedText: key.text, suggestions: this.suggestionsExcluding(form, key.entryId) };
    }

    const ranked = this.rankFuzzy(form);
    const best = ranked[0];
    const runnerUp = ranked.find((candidate) => candidate.key.entryId !== best?.key.entryId);
    const length = compact(form).length;
    const limit = allowedEdits(length);
    // A fuzzy answer must be within the edit budget and strictly ahead of every other entry; a
    // query that is only the start of a name must also be long enough to mean something.
    const clearlyAhead =
      best !== undefined &&
      best.distance <= limit &&
      (!best.prefixOnly || plausiblyUnfinished(form, best)) &&
      (runnerUp === undefined || compareCandidates(best, runnerUp) < 0 && !sameStanding(best, runnerUp));
    const suggestions = this.toSuggestions(ranked.filter((candidate) => worthSuggesting(candidate, limit)));
    if (best && clearlyAhead) {
      return {
        found: true,
        entry: this.entries.get(best.key.entryId)!,
        matchedBy: 'fuzzy',
        matchedText: best.key.text,
        suggestions: suggestions.filter((suggestion) => suggestion.entry.id !== best.key.entryId).slice(0, DID_YOU_MEAN),
      };
    }
    return { found: false, suggestions: suggestions.slice(0, DID_YOU_MEAN) };
  }

  /** Autocomplete for what has been typed so far: at most 25 choices, best first. */
  suggest(partial: string): Suggestion[] {
    const forms = queryForms(partial);
    const form = forms[0];
    if (form === undefined) return this.featured().map((entry) => ({ entry, matchedText: entry.term, matchedBy: 'exact' }));

    const chosen = new Map<string, Suggestion>();
    const take = (slot: number, kind: MatchKind | undefined): void => {
      const key = this.keys[slot];
      if (!key || chosen.has(key.entryId) || chosen.size >= MAX_SUGGESTIONS) return;
      chosen.set(key.entryId, {
        entry: this.entries.get(key.entryId)!,
        matchedText: key.text,
        matchedBy: kind ?? (key.kind === 'term' ? 'exact' : 'alias'),
      });
    };

    for (const candidateForm of forms) {
      const slot = this.exactSlot(candidateForm);
      if (slot !== undefined) take(slot, undefined);
    }
    for (const slot of this.prefixMatches(form)) take(slot, undefined);
    if (chosen.size < MAX_SUGGESTIONS && compact(form).length >= 3) {
      for (const candidate of this.rankFuzzy(form)) {
        if (candidate.fuseScore > 0.55 && candidate.distance > allowedEdits(form.length) + 1) continue;
        take(this.slotOf(candidate.key), 'fuzzy');
      }
    }
    return [...chosen.values()];
  }

  /** `suggest` shaped for Discord: the entry id as value, an alias shown with its term. */
  autocomplete(partial: string): AutocompleteChoice[] {
    return this.suggest(partial).map(({ entry, matchedText, matchedBy }) => ({
      name: truncate(matchedBy === 'alias' ? `${matchedText} → ${entry.term}` : entry.term, DISCORD_LIMITS.choiceName),
      value: entry.id,
    }));
  }

  /**
   * Glossary names (terms and aliases, whole words) that appear in a piece of text, longest match
   * first and without overlaps, in order of appearance. For "Explain terms" on a message.
   */
  findMentioned(text: string, limit = 25): Suggestion[] {
    const words = normalize(text).split(' ').filter((word) => word !== '');
    const found = new Map<string, Suggestion>();
    for (let start = 0; start < words.length && found.size < limit; ) {
      let matched = 0;
      for (let length = Math.min(this.longestName, words.length - start); length > 0; length--) {
        const slot = this.exact.get(words.slice(start, start + length).join(' '));
        if (slot === undefined) continue;
        const key = this.keys[slot]!;
        if (!found.has(key.entryId)) {
          found.set(key.entryId, { entry: this.entries.get(key.entryId)!, matchedText: key.text, matchedBy: key.kind === 'term' ? 'exact' : 'alias' });
        }
        matched = length;
        break;
      }
      start += Math.max(1, matched);
    }
    return [...found.values()];
  }

  /** Full-text search over terms, definitions and explanations, ranked. */
  search(text: string, limit = 25): SearchHit[] {
    return this.fullText.search(text, limit).flatMap(({ slot, score }) => {
      const id = this.entryByTextSlot[slot];
      const entry = id === undefined ? undefined : this.entries.get(id);
      return entry ? [{ entry, score }] : [];
    });
  }

  /**
   * The default autocomplete list: the entries the rest of the glossary points to most, which are
   * the hub concepts a newcomer should start from. Derived from the data, so no list to maintain.
   */
  featured(): Entry[] {
    if (this.featuredCache) return this.featuredCache;
    const inbound = this.inboundLinks();
    this.featuredCache = [...this.entries.values()]
      .sort((x, y) => (inbound.get(y.id) ?? 0) - (inbound.get(x.id) ?? 0) || x.term.localeCompare(y.term))
      .slice(0, MAX_SUGGESTIONS);
    return this.featuredCache;
  }

  /** How many entries list each entry as related: a measure of how central a concept is. */
  private inboundLinks(): Map<string, number> {
    if (this.inboundCache) return this.inboundCache;
    const inbound = new Map<string, number>();
    for (const entry of this.entries.values())
      for (const target of entry.related) if (this.entries.has(target)) inbound.set(target, (inbound.get(target) ?? 0) + 1);
    this.inboundCache = inbound;
    return inbound;
  }

  private index(entry: Entry, bulk: Array<{ slot: number; key: string }> | undefined): void {
    this.entries.set(entry.id, entry);
    const slots: number[] = [];
    const names: Array<[string, 'term' | 'alias']> = [[entry.term, 'term'], ...entry.aliases.map((alias): [string, 'alias'] => [alias, 'alias'])];
    for (const [text, kind] of names) {
      const normalized = normalize(text);
      if (normalized === '') continue;
      const slot = this.keys.length;
      this.longestName = Math.max(this.longestName, normalized.split(' ').length);
      const key: NameKey = { entryId: entry.id, text, kind, normalized };
      this.keys.push(key);
      slots.push(slot);
      // First writer wins, so a term always beats another entry's alias that normalises the same;
      // the validator reports such collisions in shipped data.
      for (const [map, mapKey] of this.mapKeys(key)) if (!map.has(mapKey)) map.set(mapKey, slot);
      this.trigrams.add(slot, normalized);
      if (bulk) bulk.push({ slot, key: normalized });
      else this.prefixes.add(slot, normalized);
    }
    this.slotsByEntry.set(entry.id, slots);
    const textSlot = this.entryByTextSlot.length;
    this.entryByTextSlot.push(entry.id);
    this.textSlotByEntry.set(entry.id, textSlot);
    this.fullText.add(fullTextDocument(textSlot, entry));
    this.featuredCache = undefined;
    this.inboundCache = undefined;
  }

  private mapKeys(key: NameKey): Array<[Map<string, number>, string]> {
    return [
      [this.exact, key.normalized],
      [this.compactExact, compact(key.normalized)],
      [this.reordered, sortedWords(key.normalized)],
    ];
  }

  private exactSlot(form: string): number | undefined {
    return this.exact.get(form) ?? this.compactExact.get(compact(form)) ?? this.reordered.get(sortedWords(form));
  }

  /**
   * "SHAP values", "feature standardisation", "k-means algorithm": a name with one generic word
   * before or after it. Only these few words are dropped, so "insurance policy" does not become
   * the RL term "Policy".
   */
  private withoutFillerWord(form: string): number | undefined {
    const words = form.split(' ');
    if (words.length < 2) return undefined;
    const choices: Array<[string, string[]]> = [
      [words[0]!, words.slice(1)],
      [words[words.length - 1]!, words.slice(0, -1)],
    ];
    for (const [dropped, remaining] of choices) {
      if (!FILLER_WORDS.has(dropped)) continue;
      const slot = this.exactSlot(remaining.join(' '));
      if (slot !== undefined) return slot;
    }
    return undefined;
  }

  private slotOf(key: NameKey): number {
    return this.slotsByEntry.get(key.entryId)!.find((slot) => this.keys[slot] === key)!;
  }

  /**
   * Keys with a word starting with what was typed, ranked: the term itself starting with it, then
   * an alias, then a later word; within a tier, concepts more of the glossary links to come first
   * (what a student most likely wants), then shorter names.
   */
  private prefixMatches(form: string): number[] {
    const found: Array<{ slot: number; rank: number }> = [];
    const inbound = this.inboundLinks();
    const visit = (slot: number, wordPosition: number): void => {
      const key = this.keys[slot];
      if (!key) return;
      const tier = (wordPosition === 0 ? 0 : 2) + (key.kind === 'term' ? 0 : 1);
      const centrality = Math.min(99, inbound.get(key.entryId) ?? 0);
      found.push({ slot, rank: tier * 1_000_000 + (99 - centrality) * 1000 + Math.min(999, key.normalized.length) });
    };
    this.prefixes.forEachWithPrefix(form, PREFIX_SCAN_LIMIT, visit);
    const compactForm = compact(form);
    if (compactForm !== form) this.prefixes.forEachWithPrefix(compactForm, PREFIX_SCAN_LIMIT, visit);
    found.sort((x, y) => x.rank - y.rank || this.keys[x.slot]!.normalized.localeCompare(this.keys[y.slot]!.normalized));
    return found.map(({ slot }) => slot);
  }

  /**
   * Fuzzy candidates for `form`, one per entry, best first. The trigram index proposes a bounded
   * set; fuse.js scores them; edit distance (to the whole key, or to a prefix when the user is
   * still typing) is the measure the resolve decision trusts, because fuse.js's Bitap score
   * rewards a short pattern found anywhere in a long name.
   */
  private rankFuzzy(form: string): Candidate[] {
    const proposals = this.trigrams.candidates(form, FUZZY_CANDIDATES, 0.15);
    if (proposals.length === 0) return [];
    const keys = proposals.map(({ slot }) => this.keys[slot]).filter((key): key is NameKey => key !== undefined);
    const formCompact = compact(form);
    const multiWord = form.includes(' ');
    const formSorted = multiWord ? sortedWords(form) : form;
    const limit = allowedEdits(formCompact.length) + 2;
    const near: Array<{ key: NameKey; whole: number; prefix: number }> = [];
    for (const key of keys) {
      const direct = editDistances(form, key.normalized, limit);
      let whole = direct.whole;
      // Spacing and word order only matter when either side has more than one word.
      if (whole > 0 && (multiWord || key.normalized.includes(' '))) {
        whole = Math.min(whole, editDistances(formCompact, compact(key.normalized), limit).whole);
        if (multiWord) whole = Math.min(whole, editDistances(formSorted, sortedWords(key.normalized), limit).whole);
      }
      const prefix = Math.min(whole, direct.prefix);
      if (prefix <= limit) near.push({ key, whole, prefix });
    }
    if (near.length === 0) return [];

    // fuse.js ranks the survivors among themselves (where a pattern matches inside a name, how
    // much of it); it only ever sees a handful of keys.
    const fuse = new Fuse(
      near.map(({ key }) => key),
      { keys: ['normalized'], includeScore: true, ignoreLocation: true, isCaseSensitive: true, threshold: 0.6, shouldSort: false },
    );
    const fuseScores = new Map<NameKey, number>();
    for (const result of fuse.search(form)) fuseScores.set(result.item, result.score ?? 1);

    const bestByEntry = new Map<string, Candidate>();
    for (const { key, whole, prefix } of near) {
      const candidate: Candidate = { key, distance: prefix, prefixOnly: prefix < whole, fuseScore: fuseScores.get(key) ?? 1 };
      const current = bestByEntry.get(key.entryId);
      if (!current || compareCandidates(candidate, current) < 0) bestByEntry.set(key.entryId, candidate);
    }
    return [...bestByEntry.values()].sort(compareCandidates);
  }

  private toSuggestions(candidates: Candidate[]): Suggestion[] {
    return candidates.map(({ key }) => ({ entry: this.entries.get(key.entryId)!, matchedText: key.text, matchedBy: 'fuzzy' as const }));
  }

  private suggestionsExcluding(form: string, entryId: string): Suggestion[] {
    const limit = allowedEdits(compact(form).length);
    return this.toSuggestions(this.rankFuzzy(form).filter((candidate) => candidate.key.entryId !== entryId && worthSuggesting(candidate, limit))).slice(0, DID_YOU_MEAN);
  }
}

function fullTextDocument(slot: number, entry: Entry): FullTextDocument {
  return {
    slot,
    fields: [
      { text: [entry.term, ...entry.aliases].join(' '), weight: 3 },
      { text: entry.definition, weight: 2 },
      { text: entry.explanation, weight: 1 },
    ],
  };
}

/** Nearer first; at the same distance a whole name beats one the query only starts. */
function compareCandidates(x: Candidate, y: Candidate): number {
  return x.distance - y.distance || Number(x.prefixOnly) - Number(y.prefixOnly) || x.fuseScore - y.fuseScore || (x.key.kind === 'term' ? 0 : 1) - (y.key.kind === 'term' ? 0 : 1) || x.key.normalized.length - y.key.normalized.length;
}

/**
 * A query that only matches the start of a name is taken as unfinished typing when it is long
 * enough to mean something, at most one edit off, and its last word begins the name's word at
 * the same position: "retreival augm" is on its way to "retrieval augmented generation", while
 * "knowledge graph" is not on its way to "knowledge transfer".
 */
function plausiblyUnfinished(form: string, candidate: Candidate): boolean {
  if (compact(form).length < 5 || candidate.distance > 1) return false;
  const typedWords = form.split(' ');
  const nameWords = candidate.key.normalized.split(' ');
  const last = typedWords[typedWords.length - 1]!;
  const counterpart = nameWords[typedWords.length - 1];
  return counterpart !== undefined && counterpart.startsWith(last);
}

/** Close enough to offer as "did you mean": within an answer's edit budget, and at least two edits for short words. */
function worthSuggesting(candidate: Candidate, limit: number): boolean {
  return candidate.distance <= Math.max(limit, 2);
}

function sameStanding(x: Candidate, y: Candidate): boolean {
  return x.distance === y.distance && x.prefixOnly === y.prefixOnly;
}

export function truncate(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
