import { normalizedWords } from '../normalize.js';

/** Words too common to say anything about which entry is meant (in their folded form). */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do doe for from ha how i if in into is it it of on or that the their ' +
    'then there these they this to use used using wa what when where which while who why will with you your ' +
    'explain define tell me about'
  ).split(' '),
);

export interface FullTextDocument {
  slot: number;
  /** Weighted fields: the term and aliases count more than the definition, which counts more than the explanation. */
  fields: ReadonlyArray<{ text: string; weight: number }>;
}

// A posting is one number: slot × 64 + weight (weight capped at 63), so a list of a hundred
// thousand postings is one array of small integers rather than a hundred thousand objects.
const WEIGHT_BITS = 64;
const MAX_WEIGHT = WEIGHT_BITS - 1;

/**
 * BM25 over an inverted index, for /search. Kept apart from the name index so long texts never
 * influence autocomplete, and so a query only touches the postings of its own words.
 */
export class FullTextIndex {
  private readonly postings = new Map<string, number[]>();
  private documentLengths = new Float64Array(1024);
  private documentCount = 0;
  private totalLength = 0;
  private scores = new Float64Array(1024);
  private matched = new Uint8Array(1024);

  add(document: FullTextDocument): void {
    const weights = weighWords(document);
    let length = 0;
    for (const [word, weight] of weights) {
      length += weight;
      const posting = document.slot * WEIGHT_BITS + Math.min(MAX_WEIGHT, weight);
      const list = this.postings.get(word);
      if (list) list.push(posting);
      else this.postings.set(word, [posting]);
    }
    this.ensureCapacity(document.slot + 1);
    this.documentLengths[document.slot] = length;
    this.documentCount += 1;
    this.totalLength += length;
  }

  /** Removes a document; the caller passes the same fields it was added with. */
  remove(document: FullTextDocument): void {
    for (const word of weighWords(document).keys()) {
      const list = this.postings.get(word);
      if (!list) continue;
      const at = list.findIndex((posting) => Math.floor(posting / WEIGHT_BITS) === document.slot);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) this.postings.delete(word);
    }
    this.totalLength -= this.documentLengths[document.slot] ?? 0;
    this.documentLengths[document.slot] = 0;
    this.documentCount -= 1;
  }

  /** Ranked slots for the query, best first: documents with every query word first, then by BM25. */
  search(query: string, limit: number): Array<{ slot: number; score: number }> {
    const words = [...new Set(tokenize(query))].filter((word) => this.postings.has(word));
    if (words.length === 0 || limit <= 0) return [];
    const averageLength = this.totalLength / Math.max(1, this.documentCount);
    const { scores, matched } = this;
    const touched: number[] = [];
    const k1 = 1.2;
    const b = 0.75;
    for (const word of words) {
      const list = this.postings.get(word)!;
      const idf = Math.log(1 + (this.documentCount - list.length + 0.5) / (list.length + 0.5));
      for (const posting of list) {
        const slot = Math.floor(posting / WEIGHT_BITS);
        const weight = posting % WEIGHT_BITS;
        const length = this.documentLengths[slot]!;
        if (matched[slot] === 0) touched.push(slot);
        matched[slot]! += 1;
        scores[slot]! += (idf * weight * (k1 + 1)) / (weight + k1 * (1 - b + (b * length) / averageLength));
      }
    }
    // Keep the best `limit` in a small sorted buffer instead of sorting every touched document.
    const best: Array<{ slot: number; score: number; complete: boolean }> = [];
    const better = (x: { score: number; complete: boolean; slot: number }, y: { score: number; complete: boolean; slot: number }) =>
      x.complete !== y.complete ? x.complete : x.score !== y.score ? x.score > y.score : x.slot < y.slot;
    for (const slot of touched) {
      const candidate = { slot, score: scores[slot]!, complete: matched[slot] === words.length };
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

  private ensureCapacity(size: number): void {
    if (size <= this.documentLengths.length) return;
    let capacity = this.documentLengths.length;
    while (capacity < size) capacity *= 2;
    const lengths = new Float64Array(capacity);
    lengths.set(this.documentLengths);
    this.documentLengths = lengths;
    this.scores = new Float64Array(capacity);
    this.matched = new Uint8Array(capacity);
  }
}

function weighWords(document: FullTextDocument): Map<string, number> {
  const weights = new Map<string, number>();
  for (const { text, weight } of document.fields) for (const word of tokenize(text)) weights.set(word, (weights.get(word) ?? 0) + weight);
  return weights;
}

export function tokenize(text: string): string[] {
  return normalizedWords(text).filter((word) => !STOP_WORDS.has(word));
}
