import { foldWord, normalizedWords } from '../normalize.js';

/**
 * Words as small integers. Indexing long explanations is mostly tokenising, and on the machines
 * this runs on allocation is the expensive part, so plain ASCII text is split without creating a
 * string per token: each token is hashed in place and looked up; only a word never seen before
 * is sliced out, folded (spelling, plural) and given an id.
 */
export class Vocabulary {
  // Open-addressing hash table from a raw token's hash to its raw id + 1 (0 = empty), with the
  // hashes alongside so most probes never touch a string.
  private table = new Int32Array(1 << 12);
  private tableHashes = new Int32Array(1 << 12);
  private readonly rawWords: string[] = [];
  private readonly wordIdOfRaw: number[] = [];
  private readonly wordIds = new Map<string, number>();
  /** Folded words by id. */
  readonly words: string[] = [];

  get size(): number {
    return this.words.length;
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

  /** Calls `visit` with the folded word id of every word of `text`, in order. */
  forEachWord(text: string, visit: (wordId: number) => void): void {
    if (!/^[a-zA-Z0-9 \t\n.,;:!?()"\-/]*$/.test(text)) {
      for (const word of normalizedWords(text)) visit(this.intern(word));
      return;
    }
    const lower = text.toLowerCase();
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= lower.length; i++) {
      const code = i < lower.length ? lower.charCodeAt(i) : 32;
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5;
        }
        hash = Math.imul(hash ^ code, 0x01000193);
      } else if (start >= 0) {
        visit(this.wordIdOfRaw[this.rawId(lower, start, i, hash | 0)]!);
        start = -1;
      }
    }
  }

  private rawId(text: string, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    let at = hash & mask;
    for (let stored = this.table[at]!; stored !== 0; stored = this.table[at]!) {
      if (this.tableHashes[at] === hash && sameSpan(this.rawWords[stored - 1]!, text, start, end)) return stored - 1;
      at = (at + 1) & mask;
    }
    const raw = text.slice(start, end);
    const id = this.rawWords.length;
    this.rawWords.push(raw);
    this.wordIdOfRaw.push(this.intern(foldWord(raw)));
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

function sameSpan(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
