/**
 * Finds the keys in which some word starts with what was typed, without scanning the glossary:
 * the distinct words of all keys are kept sorted (a binary search finds the range that starts
 * with the last typed word), and each word lists the keys it appears in with its position.
 * Building it is one map lookup per word, and one entry can be added or removed without a rebuild.
 */
export class PrefixIndex {
  /** Per word: packed postings, slot × 16 + word position (capped at 15). */
  private readonly postings = new Map<string, number[]>();
  /** The distinct words, sorted. */
  private words: string[] = [];

  constructor(private readonly keyOf: (slot: number) => string | undefined) {}

  /** Bulk load: index everything, then sort the new words once. */
  bulkLoad(items: ReadonlyArray<{ slot: number; key: string }>): void {
    const fresh: string[] = [];
    for (const { slot, key } of items) this.indexKey(slot, key, (word) => fresh.push(word));
    this.words = [...this.words, ...fresh].sort();
  }

  add(slot: number, key: string): void {
    this.indexKey(slot, key, (word) => this.words.splice(lowerBound(this.words, word), 0, word));
  }

  remove(slot: number, key: string): void {
    for (const word of new Set(key.split(' '))) {
      const list = this.postings.get(word);
      if (!list) continue;
      const kept = list.filter((packed) => Math.floor(packed / POSITIONS) !== slot);
      if (kept.length > 0) {
        this.postings.set(word, kept);
        continue;
      }
      this.postings.delete(word);
      const at = lowerBound(this.words, word);
      if (this.words[at] === word) this.words.splice(at, 1);
    }
  }

  /**
   * Calls `visit(slot, wordPosition)` for keys containing the typed words in order, the last one
   * possibly unfinished, until `limit` keys have been visited. Word position 0 means the key itself
   * starts with what was typed.
   */
  forEachWithPrefix(prefix: string, limit: number, visit: (slot: number, wordPosition: number) => void): void {
    const typed = prefix.split(' ');
    const last = typed[typed.length - 1]!;
    const before = typed.length - 1;
    let visited = 0;
    for (let at = lowerBound(this.words, last); at < this.words.length && this.words[at]!.startsWith(last); at++) {
      for (const packed of this.postings.get(this.words[at]!)!) {
        const slot = Math.floor(packed / POSITIONS);
        let position = packed % POSITIONS;
        if (position < before) continue;
        if (before > 0 || position === POSITIONS - 1) {
          const start = matchStart(this.keyOf(slot), typed);
          if (start === undefined) continue;
          position = start + before;
        }
        visit(slot, position - before);
        if (++visited >= limit) return;
      }
    }
  }

  /** Every key slot containing `word`. */
  forEachSlotWith(word: string, visit: (slot: number) => void): void {
    for (const packed of this.postings.get(word) ?? []) visit(Math.floor(packed / POSITIONS));
  }

  /** How many keys contain `word`. */
  countWith(word: string): number {
    return this.postings.get(word)?.length ?? 0;
  }

  private indexKey(slot: number, key: string, onNewWord: (word: string) => void): void {
    const seen = new Set<string>();
    key.split(' ').forEach((word, position) => {
      if (seen.has(word)) return;
      seen.add(word);
      let list = this.postings.get(word);
      if (!list) {
        list = [];
        this.postings.set(word, list);
        onNewWord(word);
      }
      list.push(slot * POSITIONS + Math.min(position, POSITIONS - 1));
    });
  }
}

const POSITIONS = 16;

/** Where in `key` the typed words begin (all but the last exactly, the last as a prefix). */
function matchStart(key: string | undefined, typed: readonly string[]): number | undefined {
  if (key === undefined) return undefined;
  const words = key.split(' ');
  for (let start = 0; start + typed.length <= words.length; start++) {
    let matches = true;
    for (let i = 0; i < typed.length && matches; i++) {
      matches = i === typed.length - 1 ? words[start + i]!.startsWith(typed[i]!) : words[start + i] === typed[i];
    }
    if (matches) return start;
  }
  return undefined;
}

function lowerBound(sorted: readonly string[], text: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < text) low = middle + 1;
    else high = middle;
  }
  return low;
}
