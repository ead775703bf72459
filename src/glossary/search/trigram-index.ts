/**
 * Candidate generation for fuzzy matching: keys that share the most character trigrams with the
 * query. Only these few candidates are handed to fuse.js, so a typo costs the same at 100,000
 * terms as at 300 instead of a linear scan.
 */
import { IntMultimap } from './int-multimap.js';
import { ensureLength } from './typed-arrays.js';

const COMMON_POSTING = 2000;

/**
 * Two indexes sharing one trigram numbering: names (by slot) and the distinct words of names
 * (by vocabulary word id, for correcting one typed word at a time). Sharing means each word's
 * trigrams are worked out once for both.
 */
export class TrigramIndex {
  /** Name slots by trigram number. */
  private readonly postings = new IntMultimap({ denseKeys: true });
  /** Word ids by trigram number. */
  private readonly wordPostings = new IntMultimap({ denseKeys: true });
  private wordTrigramCounts: Int32Array = new Int32Array(1024);
  /** Each trigram's number (see gramCode), given in the order trigrams are first seen. */
  private readonly gramNumbers = new Map<number, number>();
  private trigramCounts: Int32Array = new Int32Array(1024);
  private scratch: Int32Array = new Int32Array(1024);
  private grams = new Int32Array(64);
  // For addName: each word's padded trigrams as trigram numbers, worked out once per word id
  // (wordGramCounts[id] is -1 until then), and per trigram number the last slot + 1 that took it.
  private wordGramStarts = new Int32Array(1024);
  private wordGramCounts = new Int32Array(1024).fill(-1);
  private wordGrams = new Int32Array(4096);
  private wordGramUsed = 0;
  private gramTakenBy = new Int32Array(1024);

  add(slot: number, key: string): void {
    const count = this.trigramsOf(key);
    this.ensureCapacity(slot + 1);
    this.trigramCounts[slot] = count;
    for (let i = 0; i < count; i++) this.postings.add(this.numberOf(this.grams[i]!, true), slot);
  }

  /**
   * Adds a name given as word ids, with the same trigrams `add` would give its text (words joined
   * by single spaces). The trigrams of " deep learning " are those of " deep " and " learning "
   * plus one per word boundary ("p l"), so each word's are worked out once for the whole glossary
   * and a name costs one write per trigram.
   */
  addName(slot: number, wordIds: readonly number[], wordOf: (id: number) => string): void {
    this.ensureCapacity(slot + 1);
    let count = 0;
    let previous = '';
    for (const id of wordIds) {
      const word = wordOf(id);
      if (previous !== '') count += this.take(slot, this.numberOf(gramCode(previous.charCodeAt(previous.length - 1), 32, word.charCodeAt(0)), true));
      previous = word;
      const start = this.wordGramsOf(id, word);
      const end = start + this.wordGramCounts[id]!;
      for (let at = start; at < end; at++) count += this.take(slot, this.wordGrams[at]!);
    }
    this.trigramCounts[slot] = count;
  }

  /** Adds a distinct word of the names, under its vocabulary id, for wordCandidates. */
  addWord(wordId: number, word: string): void {
    const start = this.wordGramsOf(wordId, word);
    const count = this.wordGramCounts[wordId]!;
    for (let at = start; at < start + count; at++) this.wordPostings.add(this.wordGrams[at]!, wordId);
    if (wordId >= this.wordTrigramCounts.length) this.wordTrigramCounts = ensureLength(this.wordTrigramCounts, wordId + 1);
    this.wordTrigramCounts[wordId] = count;
    this.fitScratch();
  }

  /** Sorts what the engine's constructor added into place (see IntMultimap.finishBulk). */
  finishBulk(): void {
    this.postings.finishBulk();
    this.wordPostings.finishBulk();
  }

  /** Posts the slot under the trigram unless this name already has it; returns 1 if it was new. */
  private take(slot: number, gram: number): number {
    if (gram >= this.gramTakenBy.length) this.gramTakenBy = ensureLength(this.gramTakenBy, gram + 1);
    if (this.gramTakenBy[gram] === slot + 1) return 0;
    this.gramTakenBy[gram] = slot + 1;
    this.postings.add(gram, slot);
    return 1;
  }

  /** Where the numbers of the word's padded trigrams start in wordGrams. */
  private wordGramsOf(id: number, word: string): number {
    if (id >= this.wordGramCounts.length) {
      const known = this.wordGramCounts.length;
      this.wordGramCounts = ensureLength(this.wordGramCounts, id + 1);
      this.wordGramCounts.fill(-1, known);
      this.wordGramStarts = ensureLength(this.wordGramStarts, id + 1);
    }
    if (this.wordGramCounts[id]! >= 0) return this.wordGramStarts[id]!;
    const count = this.trigramsOf(word);
    const start = this.wordGramUsed;
    this.wordGrams = ensureLength(this.wordGrams, start + count);
    for (let i = 0; i < count; i++) this.wordGrams[start + i] = this.numberOf(this.grams[i]!, true);
    this.wordGramUsed += count;
    this.wordGramStarts[id] = start;
    this.wordGramCounts[id] = count;
    return start;
  }

  remove(slot: number, key: string): void {
    const count = this.trigramsOf(key);
    for (let i = 0; i < count; i++) {
      const gram = this.numberOf(this.grams[i]!, false);
      if (gram >= 0) this.postings.remove(gram, slot);
    }
    this.trigramCounts[slot] = 0;
  }

  /** The `limit` name slots with the highest Dice similarity to `query`, best first. */
  candidates(query: string, limit: number, minimumSimilarity = 0.2): Array<{ slot: number; similarity: number }> {
    return this.mostSimilar(query, this.postings, this.trigramCounts, limit, minimumSimilarity);
  }

  /** The same over the words added with addWord: `slot` is the word id. */
  wordCandidates(word: string, limit: number, minimumSimilarity = 0.2): Array<{ slot: number; similarity: number }> {
    return this.mostSimilar(word, this.wordPostings, this.wordTrigramCounts, limit, minimumSimilarity);
  }

  private mostSimilar(query: string, postings: IntMultimap, trigramCounts: Int32Array, limit: number, minimumSimilarity: number): Array<{ slot: number; similarity: number }> {
    const gramCount = this.trigramsOf(query);
    const touched: number[] = [];
    const counts = this.scratch;
    const count = (slot: number) => {
      if (counts[slot] === 0) touched.push(slot);
      counts[slot]! += 1;
    };
    // Rarest trigrams first. Once enough candidates are in hand, a trigram shared by a large part
    // of the glossary ("ion", " co") tells them apart too little to be worth walking its list.
    const lists = Array.from(this.grams.subarray(0, gramCount), (code) => this.numberOf(code, false))
      .filter((gram) => gram >= 0)
      .map((gram) => ({ gram, size: postings.count(gram) }))
      .filter(({ size }) => size > 0)
      .sort((x, y) => x.size - y.size);
    for (const { gram, size } of lists) {
      if (size > COMMON_POSTING && touched.length >= limit * 8) continue;
      postings.forEach(gram, count);
    }
    const scored: Array<{ slot: number; similarity: number }> = [];
    for (const slot of touched) {
      const similarity = (2 * counts[slot]!) / (gramCount + trigramCounts[slot]!);
      counts[slot] = 0;
      if (similarity >= minimumSimilarity) scored.push({ slot, similarity });
    }
    scored.sort((x, y) => y.similarity - x.similarity || x.slot - y.slot);
    return scored.slice(0, limit);
  }

  /** The number of a trigram code; with `create`, a new number for a code never seen, else -1. */
  private numberOf(code: number, create: boolean): number {
    let gram = this.gramNumbers.get(code);
    if (gram === undefined) {
      if (!create) return -1;
      gram = this.gramNumbers.size;
      this.gramNumbers.set(code, gram);
    }
    return gram;
  }

  /**
   * Writes the distinct trigrams of the key, padded with a space on each side so word starts and
   * ends count, into `this.grams` (see gramCode), and returns how many there are.
   */
  private trigramsOf(key: string): number {
    const length = key.length + 2;
    this.grams = ensureLength(this.grams, length);
    const grams = this.grams;
    const at = (i: number) => (i === 0 || i === length - 1 ? 32 : key.charCodeAt(i - 1));
    let count = 0;
    for (let i = 0; i + 3 <= length; i++) {
      const gram = gramCode(at(i), at(i + 1), at(i + 2));
      // Names are short, so a linear check beats a set.
      let seen = false;
      for (let j = 0; j < count && !seen; j++) seen = grams[j] === gram;
      if (!seen) grams[count++] = gram;
    }
    return count;
  }

  /** The per-slot scratch counts cover both name slots and word ids (zero between queries, so a fresh array loses nothing). */
  private fitScratch(): void {
    const size = Math.max(this.trigramCounts.length, this.wordTrigramCounts.length);
    if (size > this.scratch.length) this.scratch = new Int32Array(size);
  }

  private ensureCapacity(size: number): void {
    if (size <= this.trigramCounts.length) return;
    this.trigramCounts = ensureLength(this.trigramCounts, size);
    this.fitScratch();
  }
}

/**
 * A trigram as a number: ASCII characters packed exactly into 21 bits; any other is hashed
 * above that range (a collision there only adds a candidate, which edit distance then judges).
 */
function gramCode(a: number, b: number, c: number): number {
  return a < 128 && b < 128 && c < 128 ? (a << 14) | (b << 7) | c : (1 << 21) | ((Math.imul(a, 0x10001) ^ Math.imul(b, 0x301) ^ c) & 0x3fffffff);
}
