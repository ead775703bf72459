/**
 * Candidate generation for fuzzy matching: keys that share the most character trigrams with the
 * query. Only these few candidates are handed to fuse.js, so a typo costs the same at 100,000
 * terms as at 300 instead of a linear scan.
 */
import { IntMultimap } from './int-multimap.js';
import { ensureLength } from './typed-arrays.js';

const COMMON_POSTING = 2000;

export class TrigramIndex {
  private readonly postings = new IntMultimap();
  private trigramCounts: Int32Array = new Int32Array(1024);
  private scratch: Int32Array = new Int32Array(1024);
  private grams = new Int32Array(64);

  add(slot: number, key: string): void {
    const count = this.trigramsOf(key);
    this.ensureCapacity(slot + 1);
    this.trigramCounts[slot] = count;
    for (let i = 0; i < count; i++) this.postings.add(this.grams[i]!, slot);
  }

  /** Lays out what the constructor of the engine added (see IntMultimap.finishBulk). */
  finishBulk(): void {
    this.postings.finishBulk();
  }

  remove(slot: number, key: string): void {
    const count = this.trigramsOf(key);
    for (let i = 0; i < count; i++) this.postings.remove(this.grams[i]!, slot);
    this.trigramCounts[slot] = 0;
  }

  /** The `limit` slots with the highest Dice similarity to `query`, best first. */
  candidates(query: string, limit: number, minimumSimilarity = 0.2): Array<{ slot: number; similarity: number }> {
    const gramCount = this.trigramsOf(query);
    const touched: number[] = [];
    const counts = this.scratch;
    const count = (slot: number) => {
      if (counts[slot] === 0) touched.push(slot);
      counts[slot]! += 1;
    };
    // Rarest trigrams first. Once enough candidates are in hand, a trigram shared by a large part
    // of the glossary ("ion", " co") tells them apart too little to be worth walking its list.
    const lists = Array.from(this.grams.subarray(0, gramCount), (gram) => ({ gram, size: this.postings.count(gram) }))
      .filter(({ size }) => size > 0)
      .sort((x, y) => x.size - y.size);
    for (const { gram, size } of lists) {
      if (size > COMMON_POSTING && touched.length >= limit * 8) continue;
      this.postings.forEach(gram, count);
    }
    const scored: Array<{ slot: number; similarity: number }> = [];
    for (const slot of touched) {
      const similarity = (2 * counts[slot]!) / (gramCount + this.trigramCounts[slot]!);
      counts[slot] = 0;
      if (similarity >= minimumSimilarity) scored.push({ slot, similarity });
    }
    scored.sort((x, y) => y.similarity - x.similarity || x.slot - y.slot);
    return scored.slice(0, limit);
  }

  /**
   * Writes the distinct trigrams of the key, padded with a space on each side so word starts and
   * ends count, into `this.grams`, and returns how many there are. A trigram of ASCII characters
   * is packed exactly into 21 bits; any other is hashed above that range (a collision there only
   * adds a candidate, which edit distance then judges).
   */
  private trigramsOf(key: string): number {
    const length = key.length + 2;
    this.grams = ensureLength(this.grams, length);
    const grams = this.grams;
    const at = (i: number) => (i === 0 || i === length - 1 ? 32 : key.charCodeAt(i - 1));
    let count = 0;
    for (let i = 0; i + 3 <= length; i++) {
      const a = at(i);
      const b = at(i + 1);
      const c = at(i + 2);
      const gram = a < 128 && b < 128 && c < 128 ? (a << 14) | (b << 7) | c : (1 << 21) | ((Math.imul(a, 0x10001) ^ Math.imul(b, 0x301) ^ c) & 0x3fffffff);
      // Names are short, so a linear check beats a set.
      let seen = false;
      for (let j = 0; j < count && !seen; j++) seen = grams[j] === gram;
      if (!seen) grams[count++] = gram;
    }
    return count;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.trigramCounts.length) return;
    this.trigramCounts = ensureLength(this.trigramCounts, size);
    this.scratch = new Int32Array(this.trigramCounts.length);
  }
}
