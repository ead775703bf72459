import { normalize } from '../normalize.js';

/** Words too common to say anything about which entry is meant. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do doe for from ha how i if in into is it it of on or that the their ' +
    'then there these they thi to use used using wa what when where which while who why will with you your ' +
    'explain define tell me about'
  ).split(' '),
);

export interface FullTextDocument {
  slot: number;
  /** Weighted fields: the term and aliases count more than the definition, which counts more than the explanation. */
  fields: ReadonlyArray<{ text: string; weight: number }>;
}

interface Posting {
  slot: number;
  weight: number;
}

/**
 * BM25 over an inverted index, for /search. Kept apart from the name index so long texts never
 * influence autocomplete, and so a query only touches the postings of its own words.
 */
export class FullTextIndex {
  private readonly postings = new Map<string, Posting[]>();
  private readonly documentLengths = new Map<number, number>();
  private readonly documentTerms = new Map<number, string[]>();
  private totalLength = 0;

  add(document: FullTextDocument): void {
    const weights = new Map<string, number>();
    let length = 0;
    for (const { text, weight } of document.fields) {
      for (const word of tokenize(text)) {
        weights.set(word, (weights.get(word) ?? 0) + weight);
        length += weight;
      }
    }
    for (const [word, weight] of weights) {
      const list = this.postings.get(word);
      if (list) list.push({ slot: document.slot, weight });
      else this.postings.set(word, [{ slot: document.slot, weight }]);
    }
    this.documentLengths.set(document.slot, length);
    this.documentTerms.set(document.slot, [...weights.keys()]);
    this.totalLength += length;
  }

  remove(slot: number): void {
    for (const word of this.documentTerms.get(slot) ?? []) {
      const list = this.postings.get(word);
      if (!list) continue;
      const at = list.findIndex((posting) => posting.slot === slot);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) this.postings.delete(word);
    }
    this.totalLength -= this.documentLengths.get(slot) ?? 0;
    this.documentLengths.delete(slot);
    this.documentTerms.delete(slot);
  }

  /** Ranked slots for the query, best first. Every query word must match a document (AND), then OR as a fallback. */
  search(query: string, limit: number): Array<{ slot: number; score: number }> {
    const words = [...new Set(tokenize(query))].filter((word) => this.postings.has(word));
    if (words.length === 0) return [];
    const documentCount = this.documentLengths.size;
    const averageLength = this.totalLength / Math.max(1, documentCount);
    const scores = new Map<number, { score: number; matchedWords: number }>();
    const k1 = 1.2;
    const b = 0.75;
    for (const word of words) {
      const list = this.postings.get(word)!;
      const idf = Math.log(1 + (documentCount - list.length + 0.5) / (list.length + 0.5));
      for (const { slot, weight } of list) {
        const length = this.documentLengths.get(slot) ?? averageLength;
        const termScore = (idf * weight * (k1 + 1)) / (weight + k1 * (1 - b + (b * length) / averageLength));
        const current = scores.get(slot);
        if (current) {
          current.score += termScore;
          current.matchedWords += 1;
        } else scores.set(slot, { score: termScore, matchedWords: 1 });
      }
    }
    const ranked = [...scores].map(([slot, { score, matchedWords }]) => ({
      slot,
      // Entries that contain every word outrank those that contain some.
      score: score + (matchedWords === words.length ? 1000 : 0),
    }));
    ranked.sort((x, y) => y.score - x.score || x.slot - y.slot);
    return ranked.slice(0, limit).map(({ slot, score }) => ({ slot, score: score >= 1000 ? score - 1000 : score }));
  }

  hasWord(word: string): boolean {
    return this.postings.has(word);
  }
}

export function tokenize(text: string): string[] {
  const normalized = normalize(text);
  if (normalized === '') return [];
  return normalized.split(' ').filter((word) => !STOP_WORDS.has(word) && word.length > 0);
}
