import { normalizedWords } from '../normalize.js';
import { IntMultimap } from './int-multimap.js';
import { ensureLength } from './typed-arrays.js';
import { Vocabulary } from './vocabulary.js';

/** Words too common to say anything about which entry is meant (in their folded form). */
const STOP_WORDS = (
  'a an and are as at be by can do doe for from ha how i if in into is it it of on or that the their ' +
  'then there these they this to use used using wa what when where which while who why will with you your ' +
  'explain define tell me about'
).split(' ');

export interface FullTextDocument {
  slot: number;
  /**
   * Weighted fields: the term and aliases count more than the definition, which counts more than
   * the explanation. A field is text, or words this vocabulary has already split (the engine
   * splits names anyway, so it passes their word ids rather than the text again).
   */
  fields: ReadonlyArray<{ text: string; weight: number } | { wordIds: readonly number[]; weight: number }>;
}

// A posting is one number: slot × 64 + weight (weight capped at 63), so the postings of a hundred
// thousand documents are integers in typed arrays rather than millions of objects.
const WEIGHT_SHIFT = 6;
const MAX_WEIGHT = (1 << WEIGHT_SHIFT) - 1;

function posting(slot: number, weight: number): number {
  return (slot << WEIGHT_SHIFT) | Math.min(MAX_WEIGHT, weight);
}

/**
 * BM25 over an inverted index, for /search. Kept apart from the name index so long texts never
 * influence autocomplete, and so a query only touches the postings of its own words.
 */
export class FullTextIndex {
  /** Shared with the engine, which splits names with it too: one table of known words. */
  readonly vocabulary = new Vocabulary();
  /** Postings by word id. */
  private readonly postings = new IntMultimap({ denseKeys: true });
  /** Stop words are interned first, so they are exactly the ids below this. */
  private readonly stopWordCount: number;
  private documentLengths = new Float64Array(1024);
  private documentCount = 0;
  private totalLength = 0;
  private scores = new Float64Array(1024);
  private matched = new Uint8Array(1024);
  // Per-document scratch: summed weight by word id, and which word ids were touched.
  private weightByWord = new Int32Array(1024);
  private touchedWords = new Int32Array(1024);

  constructor() {
    for (const word of STOP_WORDS) this.vocabulary.intern(word);
    this.stopWordCount = this.vocabulary.size;
  }

  add(document: FullTextDocument): void {
    this.ensureCapacity(document.slot + 1);
    let length = 0;
    const distinct = this.weighWords(document);
    const { touchedWords, weightByWord } = this;
    for (let i = 0; i < distinct; i++) {
      const wordId = touchedWords[i]!;
      const weight = weightByWord[wordId]!;
      weightByWord[wordId] = 0;
      length += weight;
      this.postings.add(wordId, posting(document.slot, weight));
    }
    this.documentLengths[document.slot] = length;
    this.documentCount += 1;
    this.totalLength += length;
  }

  /** Lays out the postings added so far (see IntMultimap.finishBulk). */
  finishBulk(): void {
    this.postings.finishBulk();
  }

  /** Removes a document; the caller passes the same fields it was added with. */
  remove(document: FullTextDocument): void {
    const distinct = this.weighWords(document);
    const { touchedWords, weightByWord } = this;
    for (let i = 0; i < distinct; i++) {
      const wordId = touchedWords[i]!;
      this.postings.remove(wordId, posting(document.slot, weightByWord[wordId]!));
      weightByWord[wordId] = 0;
    }
    this.totalLength -= this.documentLengths[document.slot] ?? 0;
    this.documentLengths[document.slot] = 0;
    this.documentCount -= 1;
  }

  /** Ranked slots for the query, best first: documents with every query word first, then by BM25. */
  search(query: string, limit: number): Array<{ slot: number; score: number }> {
    const wordIds = [...new Set(normalizedWords(query).map((word) => this.vocabulary.find(word)))].filter(
      (id): id is number => id !== undefined && id >= this.stopWordCount && this.postings.count(id) > 0,
    );
    if (wordIds.length === 0 || limit <= 0) return [];
    const averageLength = this.totalLength / Math.max(1, this.documentCount);
    const { scores, matched } = this;
    const touched: number[] = [];
    const k1 = 1.2;
    const b = 0.75;
    for (const wordId of wordIds) {
      const documents = this.postings.count(wordId);
      const idf = Math.log(1 + (this.documentCount - documents + 0.5) / (documents + 0.5));
      this.postings.forEach(wordId, (packed) => {
        const slot = packed >>> WEIGHT_SHIFT;
        const weight = packed & MAX_WEIGHT;
        const length = this.documentLengths[slot]!;
        if (matched[slot] === 0) touched.push(slot);
        matched[slot]! += 1;
        scores[slot]! += (idf * weight * (k1 + 1)) / (weight + k1 * (1 - b + (b * length) / averageLength));
      });
    }
    // Keep the best `limit` in a small sorted buffer instead of sorting every touched document.
    const best: Array<{ slot: number; score: number; complete: boolean }> = [];
    const better = (x: { score: number; complete: boolean; slot: number }, y: { score: number; complete: boolean; slot: number }) =>
      x.complete !== y.complete ? x.complete : x.score !== y.score ? x.score > y.score : x.slot < y.slot;
    for (const slot of touched) {
      const candidate = { slot, score: scores[slot]!, complete: matched[slot] === wordIds.length };
      scores[slot] = 0;
      matched[slot] = 0;
      if (best.length === limit && !better(candidate, best[best.length - 1]!)) continue;
      let at = best.length;
      while (at > 0 && better(candidate, best[at - 1]!)) at--;
      best.splice(at, 0, candidate);
      if (best.length > limit) best.pop();
    }
    return best.map(({ slot, score }) => ({ slot, score }));
  }

  /**
   * Sums the field weights of each distinct non-stop word of the document into `weightByWord`,
   * listing the words in `touchedWords`; returns how many. The caller reads and then zeroes them.
   */
  private weighWords(document: FullTextDocument): number {
    const stopWordCount = this.stopWordCount;
    let distinct = 0;
    for (const field of document.fields) {
      const { weight } = field;
      const count = 'text' in field ? this.vocabulary.split(field.text) : field.wordIds.length;
      const ids = 'text' in field ? this.vocabulary.splitIds : field.wordIds;
      if (this.vocabulary.size > this.weightByWord.length) this.weightByWord = ensureLength(this.weightByWord, this.vocabulary.size);
      if (distinct + count > this.touchedWords.length) this.touchedWords = ensureLength(this.touchedWords, distinct + count);
      const weights = this.weightByWord;
      const touched = this.touchedWords;
      for (let i = 0; i < count; i++) {
        const wordId = ids[i]!;
        if (wordId < stopWordCount) continue;
        if (weights[wordId] === 0) touched[distinct++] = wordId;
        weights[wordId]! += weight;
      }
    }
    return distinct;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.documentLengths.length) return;
    this.documentLengths = ensureLength(this.documentLengths, size);
    // Scores and matches are zero between searches, so fresh arrays lose nothing.
    this.scores = new Float64Array(this.documentLengths.length);
    this.matched = new Uint8Array(this.documentLengths.length);
  }
}
