/**
 * Candidate generation for fuzzy matching: keys that share the most character trigrams with the
 * query. Only these few candidates are handed to fuse.js, so a typo costs the same at 100,000
 * terms as at 300 instead of a linear scan.
 */
import { ensureLength } from './typed-arrays.js';

const COMMON_POSTING = 2000;

export class TrigramIndex {
  private readonly postings = new Map<TrigramKey, number[]>();
  private trigramCounts: Int32Array = new Int32Array(1024);
  private scratch: Int32Array = new Int32Array(1024);

  add(slot: number, key: string): void {
    const grams = trigrams(key);
    this.ensureCapacity(slot + 1);
    this.trigramCounts[slot] = grams.length;
    for (const gram of grams) {
      const list = this.postings.get(gram);
      if (list) list.push(slot);
      else this.postings.set(gram, [slot]);
    }
  }

  remove(slot: number, key: string): void {
    for (const gram of trigrams(key)) {
      const list = this.postings.get(gram);
      if (!list) continue;
      const at = list.indexOf(slot);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) this.postings.delete(gram);
    }
    this.trigramCounts[slot] = 0;
  }

  /** The `limit` slots with the highest Dice similarity to `query`, best first. */
  candidates(query: string, limit: number, minimumSimilarity = 0.2): Array<{ slot: number; similarity: number }> {
    const grams = trigrams(query);
    const touched: number[] = [];
    const counts = this.scratch;
    // Rarest trigrams first. Once enough candidates are in hand, a trigram shared by a large part
    // of the glossary ("ion", " co") tells them apart too little to be worth walking its list.
    const lists = grams.map((gram) => this.postings.get(gram)).filter((list): list is number[] => list !== undefined);
    lists.sort((x, y) => x.length - y.length);
    for (const list of lists) {
      if (list.length > COMMON_POSTING && touched.length >= limit * 8) continue;
      for (const slot of list) {
        if (counts[slot] === 0) touched.push(slot);
        counts[slot]! += 1;
      }
    }
    const scored: Array<{ slot: number; similarity: number }> = [];
    for (const slot of touched) {
      const similarity = (2 * counts[slot]!) / (grams.length + this.trigramCounts[slot]!);
      counts[slot] = 0;
      if (similarity >= minimumSimilarity) scored.push({ slot, similarity });
    }
    scored.sort((x, y) => y.similarity - x.similarity || x.slot - y.slot);
    return scored.slice(0, limit);
  }

  private ensureCapacity(size: number): void {
    if (size <= this.trigramCounts.length) return;
    this.trigramCounts = ensureLength(this.trigramCounts, size);
    this.scratch = new Int32Array(this.trigramCounts.length);
  }
}

/** A trigram as a small integer when its characters are ASCII (almost always), else the string. */
type TrigramKey = number | string;

/** Trigrams of the key padded with a space on each side, so word starts and ends count. */
export function trigrams(key: string): TrigramKey[] {
  const padded = ` ${key} `;
  const grams: TrigramKey[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) {
    const a = padded.charCodeAt(i);
    const b = padded.charCodeAt(i + 1);
    const c = padded.charCodeAt(i + 2);
    const gram = a < 128 && b < 128 && c < 128 ? (a << 14) | (b << 7) | c : padded.slice(i, i + 3);
    // Names are short, so a linear check beats allocating a set for each one.
    if (!grams.includes(gram)) grams.push(gram);
  }
  return grams;
}
