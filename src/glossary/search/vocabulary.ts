import { foldWordUncached, normalizedWords } from '../normalize.js';
import { ensureLength } from './typed-arrays.js';

/**
 * Words as small integers. Indexing long explanations is mostly tokenising, and on the machines
 * this runs on allocation is the expensive part, so plain ASCII text is split without creating a
 * string per token (or a lower-case copy of the text): each token is hashed in place and looked
 * up; only a word never seen before is sliced out, folded (spelling, plural) and given an id.
 */
export class Vocabulary {
  // Open-addressing hash table from a raw token's hash to its raw id + 1 (0 = empty), with the
  // hashes alongside so most probes never touch a string.
  private table = new Int32Array(1 << 12);
  private tableHashes = new Int32Array(1 << 12);
  private readonly rawWords: string[] = [];
  private rawLengths = new Int32Array(256);
  private rawSpellings = new Float64Array(256);
  private readonly wordIdOfRaw: number[] = [];
  // A direct-mapped cache from spelling number to folded word id (see plainAsciiWordIds).
  private readonly recentSpellings = new Float64Array(RECENT_MASK + 1).fill(-1);
  private readonly recentWordIds = new Int32Array(RECENT_MASK + 1);
  /** Word ids of the text being split, before they are handed out. */
  private scratch = new Int32Array(256);
  private readonly wordIds = new Map<string, number>();
  /** Folded words by id. */
  readonly words: string[] = [];

  get size(): number {
    return this.words.length;
  }

  /** Whether this folded word was ever indexed, in a name or a text (the vocabulary only grows: removed entries' words stay). */
  has(folded: string): boolean {
    return this.wordIds.has(folded);
  }

  /** The id of a folded word, adding it if new. */
  intern(folded: string): number {
    let id = this.wordIds.get(folded);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(folded);
      this.wordIds.set(folded, id);
    }
    return id;
  }

  /** The id of a folded word, if the vocabulary has it. */
  find(folded: string): number | undefined {
    return this.wordIds.get(folded);
  }

  /**
   * Splits `text` into folded word ids, in order, written to `splitIds` (valid until the next
   * call); returns how many. A plain array rather than a callback per word: this runs for every
   * word of every explanation.
   */
  split(text: string): number {
    const count = this.plainAsciiWordIds(text);
    if (count >= 0) return count;
    const words = normalizedWords(text);
    this.scratch = ensureLength(this.scratch, words.length);
    for (let i = 0; i < words.length; i++) this.scratch[i] = this.intern(words[i]!);
    return words.length;
  }

  /** The ids written by the last `split`. */
  get splitIds(): Int32Array {
    return this.scratch;
  }

  /**
   * Splits plain ASCII text into folded word ids, written to `this.scratch`; returns how many, or
   * -1 when the text needs the general path (anything outside ASCII, apostrophes, ampersands).
   * Letters are lower-cased as they are read, so the text is never copied.
   */
  private plainAsciiWordIds(text: string): number {
    this.scratch = ensureLength(this.scratch, (text.length >> 1) + 1);
    const ids = this.scratch;
    let count = 0;
    let start = -1;
    let hash = 0;
    let spelling = 0;
    for (let i = 0; i <= text.length; i++) {
      let code = i < text.length ? text.charCodeAt(i) : 32;
      if (code >= 65 && code <= 90) code += 32;
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5;
          spelling = 0;
        }
        hash = Math.imul(hash ^ code, 0x01000193);
        spelling = spelling * 37 + (code <= 57 ? code - 47 : code - 86);
        continue;
      }
      if (code >= 128 || code === 39 || code === 38) return -1;
      if (start >= 0) {
        // Spelling numbers of up to SPELLED_EXACTLY characters identify a word by themselves (no
        // digit is 0, so lengths cannot be confused; a longer word's is larger than all of them),
        // and the few words that make up most prose stay in this small cache instead of being
        // looked up in the table of the whole vocabulary, which at 100,000 terms does not fit
        // in the processor's cache.
        const cached = hash & RECENT_MASK;
        if (this.recentSpellings[cached] === spelling) {
          ids[count++] = this.recentWordIds[cached]!;
        } else {
          const wordId = this.wordIdOfRaw[this.rawId(text, start, i, hash | 0, spelling)]!;
          if (i - start <= SPELLED_EXACTLY) {
            this.recentSpellings[cached] = spelling;
            this.recentWordIds[cached] = wordId;
          }
          ids[count++] = wordId;
        }
        start = -1;
      }
    }
    return count;
  }

  /**
   * The raw id of the token text[start, end), given its hash and its spelling number (letters and
   * digits as base-37 digits, exact up to SPELLED_EXACTLY characters, so most tokens are
   * confirmed by one comparison instead of character by character).
   */
  private rawId(text: string, start: number, end: number, hash: number, spelling: number): number {
    const mask = this.table.length - 1;
    const length = end - start;
    let at = hash & mask;
    for (let stored = this.table[at]!; stored !== 0; stored = this.table[at]!) {
      const id = stored - 1;
      if (this.tableHashes[at] === hash && this.rawLengths[id] === length) {
        if (length <= SPELLED_EXACTLY ? this.rawSpellings[id] === spelling : sameLowerSpan(this.rawWords[id]!, text, start)) return id;
      }
      at = (at + 1) & mask;
    }
    const raw = text.slice(start, end).toLowerCase();
    const id = this.rawWords.length;
    this.rawWords.push(raw);
    this.rawLengths = ensureLength(this.rawLengths, id + 1);
    this.rawLengths[id] = length;
    this.rawSpellings = ensureLength(this.rawSpellings, id + 1);
    this.rawSpellings[id] = spelling;
    // Each raw word is folded once here, so the shared fold cache is not needed (nor filled).
    this.wordIdOfRaw.push(this.intern(foldWordUncached(raw)));
    this.table[at] = id + 1;
    this.tableHashes[at] = hash;
    if (this.rawWords.length * 2 > this.table.length) this.growTable();
    return id;
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const hashes = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let old = 0; old < this.table.length; old++) {
      const stored = this.table[old]!;
      if (stored === 0) continue;
      let at = this.tableHashes[old]! & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = stored;
      hashes[at] = this.tableHashes[old]!;
    }
    this.table = table;
    this.tableHashes = hashes;
  }
}

/** 4,096 cached words: small enough to stay in the processor's cache. */
const RECENT_MASK = 4095;

/** 37^10 < 2^53: a spelling number of up to ten characters is an exact integer in a double. */
const SPELLED_EXACTLY = 10;

/** Whether `text` from `start` spells the lower-case ASCII `word`, ignoring case. */
function sameLowerSpan(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) {
    let code = text.charCodeAt(start + i);
    if (code >= 65 && code <= 90) code += 32;
    if (word.charCodeAt(i) !== code) return false;
  }
  return true;
}
