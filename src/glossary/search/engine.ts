import Fuse from 'fuse.js';
import { RecentlyUsed } from '../../recently-used.js';
import { truncate } from '../../text.js';
import { DISCORD_LIMITS } from '../limits.js';
import { compact, normalize, normalizedWords, queryForms, sortedWords } from '../normalize.js';
import type { Entry } from '../schema.js';
import { editDistances } from './edit-distance.js';
import { type FullTextDocument, FullTextIndex } from './fulltext-index.js';
import { forEachDeletionHash, hashJoined } from './hashing.js';
import { IntMultimap } from './int-multimap.js';
import { AS_WRITTEN, NameFormIndex, STEMMED, STEMMED_COMPACT, WITHOUT_SPACES, WORD_SET } from './name-forms.js';
import { LATER_WORD, PrefixIndex } from './prefix-index.js';
import { TrigramIndex } from './trigram-index.js';
import { ensureLength } from './typed-arrays.js';
import { isFormOf, stemWord } from './stems.js';
import { CONTEXT_WORDS, isIncidentalWord, isNameFiller, isStopWord } from './query-words.js';
import type { AutocompleteChoice, MatchKind, NameResult, Reading, ResolveResult, SearchHit, Suggestion } from './types.js';
import { type PhraseUse, type TermLookup, understandQuery, understoodSuggestions } from './understand.js';

/** Names by their words' stems, in order and written as one word (see wordForms). */
interface WordFormIndexes {
  stemmed: NameFormIndex;
  stemmedCompact: NameFormIndex;
}

/** One searchable name of an entry: its term or one alias, normalised. */
interface NameKey {
  entryId: string;
  text: string;
  kind: 'term' | 'alias';
  normalized: string;
  /** `normalized` without spaces and with its words sorted: kept once a fuzzy match has needed them. */
  withoutSpaces?: string;
  wordsSorted?: string;
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
/** A–Z for terms, as the loader orders them. */
const TERM_ORDER = new Intl.Collator('en');
const FUZZY_CANDIDATES = 24;
/** Vocabulary words considered as corrections of one typed word. */
const WORD_CORRECTIONS = 16;
/** Words up to this length are also indexed by their one-letter deletions. */
const SHORT_WORD = 8;
/** Names proposed by word-level matching. */
const WORD_CANDIDATES = 32;
/** Above this many names, a typed word is too common to narrow anything down. */
const COMMON_WORD_POSTINGS = 20_000;
const PREFIX_SCAN_LIMIT = 20_000;
/** Enough prefix matches to fill the list after duplicates of one entry (term and aliases) collapse. */
const PREFIX_CANDIDATES = 3 * MAX_SUGGESTIONS;
const DID_YOU_MEAN = 5;
/** Fuzzy rankings remembered, by query: each one costs a few dozen edit distances and a fuse.js pass. */
const REMEMBERED_RANKINGS = 512;
const REMEMBERED_ENTRY_WORDS = 256;
/** Entries whose texts are read to see whether two words stand together somewhere (see phraseUse). */
const PHRASE_SEARCH_HITS = 10;
/** Word-form lookup finds names by this many first letters: "shaped" and "shaping" share only "shap". */
const WORD_FORM_LOOKUP = 4;
/** Words people wrap around a term without changing what they mean (already singular, American). */
const FILLER_WORDS = new Set(['value', 'method', 'algorithm', 'technique', 'approach', 'concept', 'feature', 'ml', 'ai', 'layer', 'function']);

/** The stems of every word of these texts. */
function stemsOf(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const word of normalizedWords(text)) words.add(stemWord(word));
  return words;
}

/**
 * Words no name has that a text may still hold and be a name within its edits: a name's word
 * typed as two ("data set", "fine tune d") makes words no name has at no cost.
 */
const SPLIT_WORDS_ALLOWANCE = 2;

/** What reading a name for a word costs, against walking one posting (see wordLevelCandidates). */
const NAME_READ_COST = 3;
/** A count that marks a name out of the running in wordLevelCandidates. */
const DROPPED = -1_000_000;
const SPACE = 32;

/** How many edits a fuzzy answer may be away from what was typed, by its length. */
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 6) return 1;
  if (length < 10) return 2;
  return 3;
}

/**
 * The search engine: resolve (free text → one entry or an honest "not found"), suggest
 * (autocomplete on every keystroke) and search (full text). Maps answer exact names, a word-prefix
 * index answers what is being typed, and for typos a few dozen candidates (from name trigrams and
 * from correcting each typed word against the vocabulary of names) are ranked by edit distance and
 * fuse.js, so no query scans the whole glossary.
 */
export class SearchEngine implements TermLookup {
  /** Each entry's number, by id. */
  private readonly entryNumbers = new Map<string, number>();
  private readonly keys: Array<NameKey | undefined> = [];
  /**
   * By entry number (which is also its full-text slot): the entry, and its name slots, which are
   * consecutive. Numbers and typed arrays rather than a record object per entry: fewer objects
   * for the collector to copy and trace while a large glossary is loaded.
   */
  private readonly entriesByNumber: Array<Entry | undefined> = [];
  private firstSlots = new Int32Array(1024);
  private slotCounts = new Int32Array(1024);
  private readonly exact = new NameFormIndex(AS_WRITTEN, (slot) => this.keys[slot]?.normalized);
  private readonly compactExact = new NameFormIndex(WITHOUT_SPACES, (slot) => this.keys[slot]?.normalized);
  private readonly reordered = new NameFormIndex(WORD_SET, (slot) => this.keys[slot]?.normalized);
  private stemIndexes: WordFormIndexes | undefined;
  private lastForms: { query: string; forms: string[] } | undefined;
  /** Where two words stand together in the texts, lately asked: each answer reads up to ten entries' texts. */
  private readonly recentPhraseUses = new RecentlyUsed<string, PhraseUse>(REMEMBERED_RANKINGS);
  /** The stems of the words of the entries asked about lately, for judging the other words of a query. */
  private readonly recentEntryWords = new RecentlyUsed<Entry, ReadonlySet<string>>(REMEMBERED_ENTRY_WORDS);
  private readonly recentDefinitionWords = new RecentlyUsed<Entry, ReadonlySet<string>>(REMEMBERED_ENTRY_WORDS);
  private readonly fullText = new FullTextIndex();
  /** Every word of every name and text, as a number; shared by the indexes. */
  private readonly vocabulary = this.fullText.vocabulary;
  private readonly prefixes = new PrefixIndex((slot) => this.keys[slot]?.normalized, this.vocabulary);
  private readonly trigrams = new TrigramIndex();
  /**
   * Short name words by each form with one letter deleted (and by themselves). Trigrams miss
   * typos in short words ("uamp" shares none with "umap"), while both lose an "a" to "ump".
   * Keyed by a hash of the form (see forEachDeletionHash), valued by vocabulary word id.
   */
  private readonly shortWordsByDeletion = new IntMultimap();
  private wordMatchCounts = new Int32Array(1024);
  private wordLastCounted = new Int32Array(1024);
  private featuredCache: Entry[] | undefined;
  /**
   * The latest fuzzy rankings, least recently used first. The same words come back again and
   * again: every student typing "transf" sends the same keystrokes, and /define with a typo
   * follows the autocomplete that saw the same text. Forgotten whenever an entry changes.
   */
  private readonly recentRankings = new RecentlyUsed<string, Candidate[]>(REMEMBERED_RANKINGS);
  /** How many present entries list each id as related: how central a concept is. Kept up to date on add and remove. */
  private readonly inbound = new Map<string, number>();
  /**
   * Per name slot: the part of its autocomplete rank that does not depend on the query (term
   * before alias, then centrality, then length); -1 once removed. A typed array, because every
   * keystroke reads thousands of these.
   */
  private rankBase = new Int32Array(1024);
  /** The most words any name has, so spotting knows how far to look ahead. */
  longestName = 1;

  constructor(entries: Iterable<Entry> = []) {
    for (const entry of entries) this.index(entry, true);
    // Part of building, not deferred to the first query: every index is ready when this returns.
    for (const index of [this.prefixes, this.trigrams, this.shortWordsByDeletion, this.exact, this.compactExact, this.reordered, this.fullText]) {
      index.finishBulk();
    }
  }

  get size(): number {
    return this.entryNumbers.size;
  }

  get(id: string): Entry | undefined {
    const number = this.entryNumbers.get(id);
    return number === undefined ? undefined : this.entriesByNumber[number];
  }

  /** Adds or replaces one entry without rebuilding the index. */
  add(entry: Entry): void {
    if (this.entryNumbers.has(entry.id)) this.remove(entry.id);
    this.index(entry, false);
  }

  /** Removes one entry; returns whether it was there. */
  remove(id: string): boolean {
    const number = this.entryNumbers.get(id);
    if (number === undefined) return false;
    const entry = this.entriesByNumber[number]!;
    for (const slot of this.slotsOf(number)) {
      const key = this.keys[slot]!;
      this.prefixes.remove(slot, key.normalized);
      this.trigrams.remove(slot, key.normalized);
      this.forEachNameForm(key, (forms) => forms.remove(key.normalized, slot));
      this.stemIndexes?.stemmed.remove(key.normalized, slot);
      if (key.normalized.includes(' ')) this.stemIndexes?.stemmedCompact.remove(key.normalized, slot);
      this.keys[slot] = undefined;
      this.rankBase[slot] = -1;
    }
    const nameWordIds = [entry.term, ...entry.aliases].flatMap((text) => this.nameWordIds(text));
    this.fullText.remove(fullTextDocument(number, entry, nameWordIds));
    this.entriesByNumber[number] = undefined;
    this.entryNumbers.delete(id);
    this.countLinks(entry, -1);
    this.featuredCache = undefined;
    this.recentRankings.clear();
    this.recentEntryWords.clear();
    this.recentDefinitionWords.clear();
    this.recentPhraseUses.clear();
    return true;
  }

  /**
   * What `/define` does with free text: one entry (by its name, a typo of it, another form of
   * its words, or spotted among other words), a comparison of two entries, or an honest "not
   * found" with did-you-mean suggestions. See understand.ts.
   */
  resolve(query: string): ResolveResult {
    return understandQuery(query, this);
  }

  /**
   * The query as one name: exact term, then alias, then the name with one filler word dropped
   * ("SHAP values", reported as fuzzy), then (unless only names as written are wanted) a fuzzy
   * match only when it is clearly ahead of the next entry; otherwise not found, with did-you-mean
   * suggestions.
   */
  resolveName(query: string, typos: 'typos' | 'as written' = 'typos'): NameResult {
    // Understanding asks for the same text as written and then with typos: fold it once.
    if (this.lastForms?.query !== query) this.lastForms = { query, forms: queryForms(query) };
    const { forms } = this.lastForms;
    for (const form of forms) {
      const slot = this.exactSlot(form);
      if (slot !== undefined) {
        const key = this.keys[slot]!;
        return this.foundByName(key, key.kind === 'term' ? 'exact' : 'alias', forms[0]!);
      }
    }
    const form = forms[0];
    if (form === undefined) return { kind: 'none', found: false, suggestions: [] };
    const padded = this.withoutFillerWord(form);
    if (padded !== undefined) return this.foundByName(this.keys[padded]!, 'fuzzy', form);
    if (typos === 'as written') return { kind: 'none', found: false, suggestions: [] };

    const ranked = this.rankFuzzy(form);
    const best = ranked[0];
    const runnerUp = ranked.find((candidate) => candidate.key.entryId !== best?.key.entryId);
    const length = compact(form).length;
    const limit = allowedEdits(length);
    // A fuzzy answer must be within the edit budget and strictly ahead of every other entry; a
    // query that is only the start of a name must also be long enough to mean something.
    const clearlyAhead =
      best !== undefined &&
      withinBudget(form, best) &&
      (!best.prefixOnly || plausiblyUnfinished(form, best)) &&
      (runnerUp === undefined || compareCandidates(best, runnerUp) < 0 && !sameStanding(best, runnerUp));
    const suggestions = this.toSuggestions(ranked.filter((candidate) => worthSuggesting(candidate, limit)));
    if (best && clearlyAhead) {
      return {
        kind: 'entry',
        found: true,
        entry: this.entryOf(best.key),
        matchedBy: 'fuzzy',
        matchedText: best.key.text,
        suggestions: suggestions.filter((suggestion) => suggestion.entry.id !== best.key.entryId).slice(0, DID_YOU_MEAN),
      };
    }
    return { kind: 'none', found: false, suggestions: suggestions.slice(0, DID_YOU_MEAN) };
  }

  /**
   * Glossary names among normalised words, as written or by word stems: at each position the
   * longest name that starts there, without overlaps, in order of appearance.
   */
  spot(words: readonly string[]): Reading[] {
    const readings: Reading[] = [];
    for (let start = 0; start < words.length; ) {
      let found: Reading | undefined;
      for (let length = Math.min(this.longestName, words.length - start); length > 0 && !found; length--) {
        const span = words.slice(start, start + length).join(' ');
        let slot = this.exact.find(span) ?? this.compactExact.find(span) ?? (length > 1 ? this.exact.find(compact(span)) : undefined);
        const byStem = slot === undefined;
        // Question words are never read as another form of a name ("explain" is not "explainability").
        if (byStem && words.slice(start, start + length).every(isStopWord)) continue;
        const { stemmed, stemmedCompact } = this.wordForms();
        slot ??= stemmed.find(span) ?? stemmedCompact.find(span) ?? (length > 1 ? stemmed.find(compact(span)) : undefined);
        if (slot === undefined) continue;
        const key = this.keys[slot]!;
        if (byStem && !formsAgree(words.slice(start, start + length), key.normalized.split(' '))) continue;
        const covered = new Set(Array.from({ length }, (_, i) => start + i));
        found = { entry: this.entryOf(key), matchedText: key.text, kind: key.kind, start, end: start + length, covered, contiguous: true, byStem, incomplete: false };
      }
      if (found) readings.push(found);
      start = found ? found.end : start + 1;
    }
    return readings;
  }

  namesWithin(words: readonly string[]): Reading[] {
    const positions = new Set<number>();
    const candidates = new Set<number>();
    // Generic words only cover, unless there is nothing else ("parameter"): as keys they reach
    // too many names.
    const keysOnlyGeneric = words.every(isIncidentalWord);
    words.forEach((word, at) => {
      // Small words may be words of a name ("named entity recognition", "few shot"), but they
      // find no names, and a reading needs more than them (see readingWithin).
      positions.add(at);
      if (isStopWord(word)) return;
      // Names with a word that begins like this one (its first letters; words of one or two
      // letters find too much).
      const start = word.slice(0, WORD_FORM_LOOKUP);
      if (start.length < 3 || (isIncidentalWord(word) && !keysOnlyGeneric)) return;
      let found = this.prefixes.bestWithPrefix(start, PREFIX_CANDIDATES, this.rankBase, PREFIX_SCAN_LIMIT);
      // Folding may have made the name's word shorter than the typed one's start: "bias" is "bia".
      if (found.length === 0 && start.length > 3) found = this.prefixes.bestWithPrefix(start.slice(0, 3), PREFIX_CANDIDATES, this.rankBase, PREFIX_SCAN_LIMIT);
      for (const slot of found) candidates.add(slot);
    });
    const readings: Reading[] = [];
    for (const slot of candidates) {
      const reading = this.readingWithin(this.keys[slot]!, words, positions);
      if (reading) readings.push(reading);
    }
    return readings;
  }

  /** A name read from words at `positions` in some form and order, if every specific word of the name is there. */
  private readingWithin(key: NameKey, words: readonly string[], positions: ReadonlySet<number>): Reading | undefined {
    const nameWords = key.normalized.split(' ').filter((word) => !isNameFiller(word));
    const covered = new Set<number>();
    let byStem = false;
    let incomplete = false;
    for (const nameWord of nameWords) {
      const at = [...positions].find((position) => !covered.has(position) && isFormOf(words[position]!, nameWord));
      if (at === undefined) {
        // Only a generic word of a term may be missing ("recurrent networks" for Recurrent Neural
        // Network); aliases are looser ("logit" is not the alias "logit model").
        if (key.kind !== 'term' || !CONTEXT_WORDS.has(nameWord)) return undefined;
        incomplete = true;
        continue;
      }
      covered.add(at);
      byStem ||= words[at] !== nameWord;
    }
    if (![...covered].some((at) => !isStopWord(words[at]!))) return undefined;
    const sorted = [...covered].sort((x, y) => x - y);
    const start = sorted[0]!;
    const end = sorted[sorted.length - 1]! + 1;
    const contiguous = !incomplete && end - start === nameWords.length && sorted.every((position, i) => words[position] === nameWords[i]);
    return { entry: this.entryOf(key), matchedText: key.text, kind: key.kind, start, end, covered, contiguous, byStem, incomplete };
  }

  phraseUse(first: string, second: string, entry: Entry, where: 'anywhere' | 'own texts' = 'anywhere'): PhraseUse {
    const memo = `${where} ${first} ${second} ${entry.id}`;
    const remembered = this.recentPhraseUses.get(memo);
    if (remembered) return remembered;
    const use = this.phraseUseNow(first, second, entry, where);
    this.recentPhraseUses.set(memo, use);
    return use;
  }

  private phraseUseNow(first: string, second: string, entry: Entry, where: 'anywhere' | 'own texts'): PhraseUse {
    const phrase = ` ${first} ${second} `;
    const uses = (candidate: Entry) => [candidate.definition, candidate.explanation, candidate.example ?? ''].some((text) => ` ${normalize(text)} `.includes(phrase));
    if (uses(entry)) return 'own';
    // Other entries' texts are found by a full-text search, which is the costly part.
    if (where === 'anywhere') for (const hit of this.search(`${first} ${second}`, PHRASE_SEARCH_HITS)) if (hit.entry !== entry && uses(hit.entry)) return 'elsewhere';
    return 'nowhere';
  }

  onlyNameStartingWith(text: string, alongside?: Entry): Suggestion | undefined {
    const form = normalize(text);
    if (form === '') return undefined;
    const found = new Map<string, Suggestion>();
    for (const slot of this.prefixMatches(form)) {
      const key = this.keys[slot]!;
      if (!key.normalized.startsWith(`${form} `) || found.has(key.entryId)) continue;
      found.set(key.entryId, { entry: this.entryOf(key), matchedText: key.text, matchedBy: 'fuzzy' });
    }
    if (found.size <= 1 || !alongside) return found.size === 1 ? [...found.values()][0] : undefined;
    // Several ("top k" begins Top-k Sampling and Top-k Accuracy): beside Top-p Sampling, the one
    // that ends as it does.
    const ending = normalize(alongside.term).split(' ').at(-1);
    const alike = [...found.values()].filter((suggestion) => normalize(suggestion.matchedText).split(' ').at(-1) === ending);
    return alike.length === 1 ? alike[0] : undefined;
  }

  knowsWord(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** The stems of every word an entry's own texts use: its names, definition, explanation, example and related terms. */
  entryWords(entry: Entry): ReadonlySet<string> {
    const remembered = this.recentEntryWords.get(entry);
    if (remembered) return remembered;
    const texts = [entry.term, ...entry.aliases, entry.definition, entry.explanation, entry.example ?? ''];
    for (const id of entry.related) texts.push(this.get(id)?.term ?? id);
    const words = stemsOf(texts);
    this.recentEntryWords.set(entry, words);
    return words;
  }

  /** The stems of the words of an entry's names and one-sentence definition: what it is, not all that is said about it. */
  definitionWords(entry: Entry): ReadonlySet<string> {
    const remembered = this.recentDefinitionWords.get(entry);
    if (remembered) return remembered;
    const words = stemsOf([entry.term, ...entry.aliases, entry.definition]);
    this.recentDefinitionWords.set(entry, words);
    return words;
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
        entry: this.entryOf(key),
        matchedText: key.text,
        matchedBy: kind ?? (key.kind === 'term' ? 'exact' : 'alias'),
      });
    };

    const offer = (suggestion: Suggestion): void => {
      const id = suggestion.comparedWith ? `${suggestion.entry.id} vs ${suggestion.comparedWith.id}` : suggestion.entry.id;
      if (!chosen.has(id) && chosen.size < MAX_SUGGESTIONS) chosen.set(id, suggestion);
    };

    for (const candidateForm of forms) {
      const slot = this.exactSlot(candidateForm);
      if (slot !== undefined) take(slot, undefined);
    }
    const prefixed = this.prefixMatches(form);
    // What the text asks about (a comparison, a name among other words, another form of a word),
    // only when no name starts with the text: otherwise someone is typing a name, and reading the
    // words would cost every keystroke.
    if (prefixed.length === 0) understoodSuggestions(partial, this).forEach(offer);
    for (const slot of prefixed) take(slot, undefined);
    // Near misses only when no name starts with what was typed: that is a typo, and a list of
    // names that do start with it needs no neighbours one slip away (fuzzy ranking was most of
    // an autocomplete's cost, on every keystroke).
    if (chosen.size === 0 && compact(form).length >= 3) {
      // Within the edit budget an answer would have. Ranking stops at that budget too, so names
      // that could never be shown cost no more than a few rows.
      const budget = Math.max(1, allowedEdits(compact(form).length));
      for (const candidate of this.rankFuzzy(form, budget)) take(this.slotOf(candidate.key), 'fuzzy');
    }
    return [...chosen.values()];
  }

  /**
   * `suggest` shaped for Discord: the entry id as value, an alias shown with its term, and a
   * comparison as "A vs B" with both ids as its value (see comparisonValue).
   */
  autocomplete(partial: string): AutocompleteChoice[] {
    return this.suggest(partial).map(({ entry, matchedText, matchedBy, comparedWith }) =>
      comparedWith
        ? { name: truncate(`${entry.term} vs ${comparedWith.term}`, DISCORD_LIMITS.choiceName), value: comparisonValue(entry, comparedWith) }
        : { name: truncate(matchedBy === 'alias' ? `${matchedText} → ${entry.term}` : entry.term, DISCORD_LIMITS.choiceName), value: entry.id },
    );
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
        const slot = this.exact.find(words.slice(start, start + length).join(' '));
        if (slot === undefined) continue;
        const key = this.keys[slot]!;
        if (!found.has(key.entryId)) {
          found.set(key.entryId, { entry: this.entryOf(key), matchedText: key.text, matchedBy: key.kind === 'term' ? 'exact' : 'alias' });
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
      const entry = this.entriesByNumber[slot];
      return entry ? [{ entry, score }] : [];
    });
  }

  /**
   * The default autocomplete list: the entries the rest of the glossary points to most, which are
   * the hub concepts a newcomer should start from. Derived from the data, so no list to maintain.
   */
  featured(): Entry[] {
    if (this.featuredCache) return this.featuredCache;
    const inbound = this.inbound;
    const before = (x: Entry, y: Entry) => (inbound.get(y.id) ?? 0) - (inbound.get(x.id) ?? 0) || TERM_ORDER.compare(x.term, y.term);
    // The best few in one pass rather than sorting the whole glossary: this runs again on the
    // first empty autocomplete after every edit, and a full sort takes a noticeable part of a
    // second at 100,000 terms. Ties keep entry order, as a stable sort would.
    const best: Entry[] = [];
    for (const entry of this.entriesByNumber) {
      if (entry === undefined) continue;
      if (best.length === MAX_SUGGESTIONS && before(best[best.length - 1]!, entry) <= 0) continue;
      let at = best.length;
      while (at > 0 && before(entry, best[at - 1]!) < 0) at--;
      best.splice(at, 0, entry);
      if (best.length > MAX_SUGGESTIONS) best.pop();
    }
    this.featuredCache = best;
    return best;
  }

  /** Adds (+1) or removes (-1) an entry's outgoing links, re-ranking the names of the entries it links to. */
  private countLinks(entry: Entry, change: 1 | -1): void {
    for (const target of new Set(entry.related)) {
      this.inbound.set(target, (this.inbound.get(target) ?? 0) + change);
      const number = this.entryNumbers.get(target);
      if (number !== undefined) for (const slot of this.slotsOf(number)) this.rankBase[slot] = this.baseRank(this.keys[slot]!);
    }
  }

  private baseRank(key: NameKey): number {
    const centrality = Math.min(99, this.inbound.get(key.entryId) ?? 0);
    return (key.kind === 'term' ? 0 : 1_000_000) + (99 - centrality) * 1000 + Math.min(999, key.normalized.length);
  }

  /** The name slots of an entry number. */
  private slotsOf(number: number): number[] {
    return Array.from({ length: this.slotCounts[number]! }, (_, i) => this.firstSlots[number]! + i);
  }

  private index(entry: Entry, bulk: boolean): void {
    const number = this.entriesByNumber.length;
    const firstSlot = this.keys.length;
    const allNameWordIds: number[] = [];
    for (let name = -1; name < entry.aliases.length; name++) {
      const text = name < 0 ? entry.term : entry.aliases[name]!;
      const wordIds = this.nameWordIds(text);
      if (wordIds.length === 0) continue;
      for (const id of wordIds) allNameWordIds.push(id);
      const words = wordIds.map((id) => this.vocabulary.words[id]!);
      const normalized = words.join(' ');
      const slot = this.keys.length;
      this.longestName = Math.max(this.longestName, words.length);
      const key: NameKey = { entryId: entry.id, text, kind: name < 0 ? 'term' : 'alias', normalized };
      this.keys.push(key);
      this.rankBase = ensureLength(this.rankBase, slot + 1);
      this.rankBase[slot] = this.baseRank(key);
      this.forEachNameForm(key, (forms) => forms.add(normalized, slot));
      if (this.stemIndexes) this.addWordForms(this.stemIndexes, key, slot);
      this.trigrams.addName(slot, wordIds, (id) => this.vocabulary.words[id]!);
      this.prefixes.add(slot, wordIds, (id) => this.learnNameWord(id), bulk);
    }
    this.entriesByNumber.push(entry);
    this.firstSlots = ensureLength(this.firstSlots, number + 1);
    this.slotCounts = ensureLength(this.slotCounts, number + 1);
    this.firstSlots[number] = firstSlot;
    this.slotCounts[number] = this.keys.length - firstSlot;
    this.entryNumbers.set(entry.id, number);
    this.fullText.add(fullTextDocument(number, entry, allNameWordIds));
    this.countLinks(entry, +1);
    this.featuredCache = undefined;
    this.recentRankings.clear();
    this.recentEntryWords.clear();
    this.recentDefinitionWords.clear();
    this.recentPhraseUses.clear();
  }

  /**
   * The normalised words of a name (the words normalizedWords gives), as vocabulary ids: known
   * words are found without slicing the text or looking anything up by string.
   */
  private nameWordIds(text: string): number[] {
    const count = this.vocabulary.split(text);
    const ids = this.vocabulary.splitIds;
    const wordIds = new Array<number>(count);
    for (let i = 0; i < count; i++) wordIds[i] = ids[i]!;
    return wordIds;
  }

  /** A word no name had before: make it available for word-level typo correction. */
  private learnNameWord(wordId: number): void {
    const word = this.vocabulary.words[wordId]!;
    this.trigrams.addWord(wordId, word);
    if (word.length <= SHORT_WORD) forEachDeletionHash(word, (hash) => this.shortWordsByDeletion.add(hash, wordId));
  }

  /** The indexes of a name's forms: as written; spacing-free and word-sorted only for names of several words. */
  private forEachNameForm(key: NameKey, visit: (forms: NameFormIndex) => void): void {
    visit(this.exact);
    if (!key.normalized.includes(' ')) return;
    visit(this.compactExact);
    visit(this.reordered);
  }

  /**
   * The indexes of names by their words' stems. Built the first time a query needs them (or when
   * the bot prepares after connecting, see prepareWordForms), not while the glossary loads: they
   * stem every word of every name, a tenth of building at 100,000 terms, and only queries that
   * are not a name as written ever read them. Kept up to date by add and remove once built.
   */
  private wordForms(): WordFormIndexes {
    if (this.stemIndexes) return this.stemIndexes;
    const indexes: WordFormIndexes = {
      stemmed: new NameFormIndex(STEMMED, (slot) => this.keys[slot]?.normalized),
      stemmedCompact: new NameFormIndex(STEMMED_COMPACT, (slot) => this.keys[slot]?.normalized),
    };
    this.keys.forEach((key, slot) => key && this.addWordForms(indexes, key, slot));
    indexes.stemmed.finishBulk();
    indexes.stemmedCompact.finishBulk();
    this.stemIndexes = indexes;
    return indexes;
  }

  /** Builds the word-form indexes now, off the answer path; returns how long that took, in ms. */
  prepareWordForms(): number {
    const started = performance.now();
    this.wordForms();
    return performance.now() - started;
  }

  private addWordForms(indexes: WordFormIndexes, key: NameKey, slot: number): void {
    // The stemmed form's hash from the words' stems, without building the stemmed name.
    indexes.stemmed.add(key.normalized, slot, hashJoined(key.normalized.split(' ').map(stemWord)));
    if (key.normalized.includes(' ')) indexes.stemmedCompact.add(key.normalized, slot);
  }

  private entryOf(key: NameKey): Entry {
    return this.get(key.entryId)!;
  }

  private exactSlot(form: string): number | undefined {
    // When several entries share a form (only an entry's own spellings can: two entries sharing a
    // name is a validation error), the first added wins. A one-word name is only in `exact`, so
    // "k means" must also be tried there as "kmeans".
    return this.exact.find(form) ?? this.compactExact.find(form) ?? this.exact.find(compact(form)) ?? this.reordered.find(form);
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
    return this.slotsOf(this.entryNumbers.get(key.entryId)!).find((slot) => this.keys[slot] === key)!;
  }

  /**
   * Keys with a word starting with what was typed, ranked: the term itself starting with it, then
   * an alias, then a later word; within a tier, concepts more of the glossary links to come first
   * (what a student most likely wants), then shorter names.
   */
  private prefixMatches(form: string): number[] {
    const found = this.prefixes.bestWithPrefix(form, PREFIX_CANDIDATES, this.rankBase, PREFIX_SCAN_LIMIT);
    const compactForm = compact(form);
    if (compactForm === form) return found;
    // "k mean" also reaches the one-word alias "kmeans"; merge both lists by rank.
    const merged = [...new Set([...found, ...this.prefixes.bestWithPrefix(compactForm, PREFIX_CANDIDATES, this.rankBase, PREFIX_SCAN_LIMIT)])];
    const rank = (slot: number) => this.rankBase[slot]! + (this.keys[slot]!.normalized.startsWith(form) || this.keys[slot]!.normalized.startsWith(compactForm) ? 0 : LATER_WORD);
    return merged.sort((x, y) => rank(x) - rank(y) || x - y).slice(0, PREFIX_CANDIDATES);
  }

  /**
   * Fuzzy candidates for `form`, one per entry, best first. Name trigrams and word-level
   * corrections propose a bounded set; fuse.js scores the near ones; edit distance (to the whole key, or to a prefix when the user is
   * still typing) is the measure the resolve decision trusts, because fuse.js's Bitap score
   * rewards a short pattern found anywhere in a long name. Recent rankings are remembered, so the
   * list may be shared with earlier callers: never change it.
   */
  private rankFuzzy(form: string, maxDistance = Number.POSITIVE_INFINITY): Candidate[] {
    const memoKey = `${maxDistance} ${form}`;
    const remembered = this.recentRankings.get(memoKey);
    if (remembered) return remembered;
    const ranked = this.rankFuzzyNow(form, maxDistance);
    this.recentRankings.set(memoKey, ranked);
    return ranked;
  }

  /** rankFuzzy, worked out afresh. */
  private rankFuzzyNow(form: string, maxDistance: number): Candidate[] {
    const formCompact = compact(form);
    // Nothing further than this is ever answered or suggested, so the DP may stop there.
    const limit = Math.min(maxDistance, Math.max(2, allowedEdits(formCompact.length)));
    if (this.wordsNoNameHas(form) > limit + SPLIT_WORDS_ALLOWANCE) return [];
    const slots = new Set(this.trigrams.candidates(form, FUZZY_CANDIDATES, 0.15).map(({ slot }) => slot));
    for (const slot of this.wordLevelCandidates(form)) slots.add(slot);
    if (slots.size === 0) return [];
    const keys = [...slots].map((slot) => this.keys[slot]).filter((key): key is NameKey => key !== undefined);
    const formWords = wordCount(form);
    const formSorted = formWords > 1 ? sortedWords(form) : form;
    const near: Array<{ key: NameKey; whole: number; prefix: number }> = [];
    for (const key of keys) {
      const direct = editDistances(form, key.normalized, limit);
      let whole = direct.whole;
      if (whole > 0) {
        const keyWords = wordCount(key.normalized);
        // Spacing matters when the word counts differ ("k means" / "kmeans"); order when they match.
        // Either only counts if it beats the direct distance, so its search may stop below that.
        const beat = Math.min(limit, whole - 1);
        if (keyWords !== formWords) whole = Math.min(whole, editDistances(formCompact, (key.withoutSpaces ??= compact(key.normalized)), beat).whole);
        else if (formWords > 1) whole = Math.min(whole, editDistances(formSorted, (key.wordsSorted ??= sortedWords(key.normalized)), beat).whole);
      }
      const prefix = Math.min(whole, direct.prefix);
      if (prefix <= limit) near.push({ key, whole, prefix });
    }
    if (near.length === 0) return [];

    // fuse.js ranks the survivors among themselves (where a pattern matches inside a name, how
    // much of it); it only ever sees a handful of keys, and a single survivor needs no ranking.
    if (near.length === 1) {
      const { key, whole, prefix } = near[0]!;
      return [{ key, distance: prefix, prefixOnly: prefix < whole, fuseScore: 1 }];
    }
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

  /**
   * How many words of `form`, before its last (which may be unfinished), no name has. Each needs
   * an edit before the text can be a name, so a question full of them ("how should i choose a
   * good …") cannot be a name with a typo, and ranking near misses for it is skipped.
   */
  private wordsNoNameHas(form: string): number {
    let count = 0;
    const words = form.split(' ');
    for (let at = 0; at < words.length - 1; at++) if (words[at] !== '' && this.prefixes.countWith(words[at]!) === 0) count++;
    return count;
  }

  /**
   * Candidates that survive a large glossary: each typed word is corrected against the vocabulary
   * of name words (a few edits, found through their trigrams), and the names containing the
   * corrected words are counted. Names matching every typed word, or all but one, are proposed.
   * Key-level trigrams alone fail at scale, where the trigrams of common words are shared by
   * thousands of names and the right one never makes the shortlist.
   */
  private wordLevelCandidates(form: string): number[] {
    // One-letter words count too ("q learning", "k means"), but are only ever taken as typed.
    const typed = form.split(' ').filter((word) => word !== '');
    if (typed.length === 0) return [];
    const needed = Math.max(1, typed.length - 1);
    const counted: Array<{ corrections: ReadonlySet<string>; postings: number }> = [];
    typed.forEach((word, index) => {
      const corrections = this.wordCorrections(word, index === typed.length - 1);
      // A word shared by a large part of the glossary says little; skip it unless it is all we have.
      let postings = 0;
      for (const correction of corrections) postings += this.prefixes.countWith(correction);
      if (corrections.size > 0 && !(postings > COMMON_WORD_POSTINGS && typed.length > 1)) counted.push({ corrections, postings });
    });
    if (counted.length < needed) return [];
    if (this.wordMatchCounts.length < this.keys.length) {
      this.wordMatchCounts = new Int32Array(this.keys.length * 2);
      this.wordLastCounted = new Int32Array(this.keys.length * 2);
    }
    const counts = this.wordMatchCounts;
    const lastCounted = this.wordLastCounted;
    const touched: number[] = [];
    // Rarest words first. A name that holds all but one of the words holds one of any two of
    // them, so only the first `seeding` words bring names in; each later word only counts for the
    // names still in the running (by walking its postings or, when fewer, by reading those
    // names), and a name that can no longer reach `needed` drops out.
    counted.sort((x, y) => x.postings - y.postings);
    const seeding = counted.length - needed + 1;
    let alive = touched;
    counted.forEach(({ corrections, postings }, index) => {
      // Count each name once per typed word, even if it holds two of the corrections.
      const marker = index + 1;
      if (index < seeding) {
        for (const correction of corrections) {
          this.prefixes.forEachSlotWith(correction, (slot) => {
            if (counts[slot] === 0) touched.push(slot);
            else if (lastCounted[slot] === marker) return;
            lastCounted[slot] = marker;
            counts[slot]! += 1;
          });
        }
      } else if (alive.length * corrections.size * NAME_READ_COST < postings) {
        for (const slot of alive) if (this.nameHasOneOf(slot, corrections)) counts[slot]! += 1;
      } else {
        for (const correction of corrections) {
          this.prefixes.forEachSlotWith(correction, (slot) => {
            // Not in the running: never brought in (0) or dropped out (below 0).
            if (counts[slot]! <= 0 || lastCounted[slot] === marker) return;
            lastCounted[slot] = marker;
            counts[slot]! += 1;
          });
        }
      }
      if (index < seeding - 1) return;
      const left = counted.length - index - 1;
      alive = alive.filter((slot) => {
        if (counts[slot]! + left >= needed) return true;
        counts[slot] = DROPPED;
        return false;
      });
    });
    const result = alive.filter((slot) => counts[slot]! >= needed).sort((x, y) => counts[y]! - counts[x]! || x - y).slice(0, WORD_CANDIDATES);
    for (const slot of touched) {
      counts[slot] = 0;
      lastCounted[slot] = 0;
    }
    return result;
  }

  /** A typed word as typed (if some name has it) and the name words a few edits from it (a prefix of one, for the last word). */
  private wordCorrections(word: string, isLast: boolean): Set<string> {
    const budget = Math.max(1, allowedEdits(word.length));
    const corrections = new Set<string>();
    if (this.prefixes.countWith(word) > 0) corrections.add(word);
    if (word.length === 1) return corrections;
    const proposed = this.trigrams.wordCandidates(word, WORD_CORRECTIONS, 0.2).map(({ slot }) => this.vocabulary.words[slot]!);
    if (word.length <= SHORT_WORD + 1) {
      forEachDeletionHash(word, (hash) => this.shortWordsByDeletion.forEach(hash, (id) => proposed.push(this.vocabulary.words[id]!)));
    }
    for (const candidate of proposed) {
      const distances = editDistances(word, candidate, budget);
      if (distances.whole <= budget || (isLast && distances.prefix <= Math.min(1, budget))) corrections.add(candidate);
    }
    return corrections;
  }

  /** Whether the name in `slot` has one of these words. */
  private nameHasOneOf(slot: number, words: ReadonlySet<string>): boolean {
    const name = this.keys[slot]!.normalized;
    for (const word of words) {
      for (let at = name.indexOf(word); at !== -1; at = name.indexOf(word, at + 1)) {
        const end = at + word.length;
        if ((at === 0 || name.charCodeAt(at - 1) === SPACE) && (end === name.length || name.charCodeAt(end) === SPACE)) return true;
      }
    }
    return false;
  }

  private toSuggestions(candidates: Candidate[]): Suggestion[] {
    return candidates.map(({ key }) => ({ entry: this.entryOf(key), matchedText: key.text, matchedBy: 'fuzzy' as const }));
  }

  /**
   * A name found without fuzzy ranking. Its did-you-mean list costs a fuzzy ranking of its own,
   * which /define never shows for a found term, so it is worked out only if someone reads it
   * (the CLI's JSON and the quality evaluation do), and then once.
   */
  private foundByName(key: NameKey, matchedBy: MatchKind, form: string): NameResult {
    let suggestions: Suggestion[] | undefined;
    const didYouMean = () => (suggestions ??= this.suggestionsExcluding(form, key.entryId));
    return {
      kind: 'entry',
      found: true,
      entry: this.entryOf(key),
      matchedBy,
      matchedText: key.text,
      get suggestions() {
        return didYouMean();
      },
    };
  }

  private suggestionsExcluding(form: string, entryId: string): Suggestion[] {
    const limit = allowedEdits(compact(form).length);
    return this.toSuggestions(this.rankFuzzy(form).filter((candidate) => candidate.key.entryId !== entryId && worthSuggesting(candidate, limit))).slice(0, DID_YOU_MEAN);
  }
}

/**
 * The autocomplete value of a comparison: both ids around " vs ", which fits a choice value (ids
 * are at most 48 characters) and which /define reads back with parseComparisonValue.
 */
export function comparisonValue(first: Entry, second: Entry): string {
  return `${first.id} vs ${second.id}`;
}

/** The two ids of a comparison value, or undefined for any other text. */
export function parseComparisonValue(value: string): [string, string] | undefined {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*) vs ([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value);
  return match ? [match[1]!, match[2]!] : undefined;
}

/**
 * Whether words found through their stems are really forms of the name's words: stems also join
 * words of different meaning ("selection" and "selectivity", "activation" and "active").
 */
function formsAgree(typed: readonly string[], name: readonly string[]): boolean {
  if (typed.length !== name.length) return isFormOf(typed.join(''), name.join(''));
  return typed.every((word, i) => isFormOf(word, name[i]!));
}

function wordCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) count++;
  return count;
}

/** The entry as a full-text document; `nameWordIds` are the words of its term and aliases, in order. */
function fullTextDocument(slot: number, entry: Entry, nameWordIds: readonly number[]): FullTextDocument {
  return {
    slot,
    fields: [
      { wordIds: nameWordIds, weight: 3 },
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
  if (counterpart === undefined || !counterpart.startsWith(last)) return false;
  // Whole words that only begin an alias name something else: "logit" begins the alias "logit
  // model" of Logistic Regression, but logits are a concept of their own; so does a generic word
  // ("parameter" is not Parameter-Efficient Fine-Tuning). A term's first words ("constitutional"
  // for Constitutional AI) or a word cut short still count as typing.
  return counterpart !== last || (candidate.key.kind === 'term' && (typedWords.length > 1 || !isIncidentalWord(last)));
}

/**
 * Within the edit budget of both the query and the name: a typo of a long word, not a different
 * short word or acronym ("sift" is not a typo of the alias "SFT"). When query and name have the
 * same number of words, each typed word must also be within its own budget of a word of the name,
 * so one shared word does not carry a different concept ("brier score" is not "BLEU score",
 * "reasoning model" is not "model versioning").
 */
function withinBudget(form: string, candidate: Candidate): boolean {
  const name = candidate.key.normalized;
  const formLength = compact(form).length;
  const nameLength = candidate.prefixOnly ? formLength : compact(name).length;
  if (candidate.distance > allowedEdits(Math.min(formLength, nameLength))) return false;
  if (candidate.distance === 0 || candidate.prefixOnly) return true;
  const typed = form.split(' ');
  const nameWords = name.split(' ');
  // A one-character word is taken as typed, and a typed digit is never a slip for another
  // character: "type 2" is not "type i", "f2" is not "f1" (a digit left out still is a slip).
  const digitsKept = (word: string, nameWord: string) => [...word.replace(/\D/g, '')].every((digit) => nameWord.includes(digit));
  const slipOf = (word: string, nameWord: string) => {
    const budget = wordEdits(word, nameWord);
    return word.length > 1 && digitsKept(word, nameWord) && editDistances(word, nameWord, budget).whole <= budget;
  };
  const inName = (word: string) => nameWords.some((nameWord) => word === nameWord || slipOf(word, nameWord));
  // More words than the name: each must be a word of it, half of one typed apart ("data set") or
  // a value ("top p sampling 0.9"), not a word of its own ("elu activation function" is not
  // Activation Function).
  if (typed.length > nameWords.length) {
    return typed.every((word, at) => /\d/.test(word) || inName(word) || inName(word + (typed[at + 1] ?? '')) || inName((typed[at - 1] ?? '') + word));
  }
  // Words run together ("randomxforest") are a slip; only word for word can one be derived.
  if (typed.length !== nameWords.length) return true;
  if (typed.some((word) => !nameWords.includes(word) && nameWords.some((nameWord) => derivedFrom(word, nameWord)))) return false;
  if (typed.length < 2) return true;
  return typed.every(inName);
}

/** A word made from another by adding letters at one end: "unlearning" is not a typo of "learning". */
function derivedFrom(word: string, nameWord: string): boolean {
  return word.length >= nameWord.length + 2 && nameWord.length >= 4 && (word.endsWith(nameWord) || word.startsWith(nameWord));
}

/**
 * Edits one typed word of several may need to reach its word of the name: one slip, or two in a
 * long word that starts right (spelling folds can add one: "distille" meets "distiled"). Two
 * changes to a short word, or one at its start, make another word ("merging" is not "serving").
 */
function wordEdits(typed: string, nameWord: string): number {
  return Math.max(typed.length, nameWord.length) >= 6 && typed[0] === nameWord[0] ? 2 : 1;
}

/** Close enough to offer as "did you mean": within an answer's edit budget, and at least two edits for short words. */
function worthSuggesting(candidate: Candidate, limit: number): boolean {
  return candidate.distance <= Math.max(limit, 2);
}

function sameStanding(x: Candidate, y: Candidate): boolean {
  return x.distance === y.distance && x.prefixOnly === y.prefixOnly;
}
