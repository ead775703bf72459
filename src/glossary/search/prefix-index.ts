import { IntMultimap } from './int-multimap.js';
import { ensureLength } from './typed-arrays.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Finds the keys in which some word starts with what was typed, without scanning the glossary:
 * the distinct words of all keys are kept sorted (a binary search finds the range that starts
 * with the last typed word), and each word lists the keys it appears in with its position.
 * Building it is one map lookup per word, and one entry can be added or removed without a rebuild.
 */
export class PrefixIndex {
  /** Per word id (of the shared vocabulary): packed postings, slot × 16 + word position (capped at 15). */
  private readonly postings = new IntMultimap({ denseKeys: true });
  /** Per word id: 1 once some key has had the word. */
  private seen = new Uint8Array(1024);
  /** The words that are in some key, sorted. */
  private words: string[] = [];

  constructor(
    private readonly keyOf: (slot: number) => string | undefined,
    private readonly vocabulary: Vocabulary,
  ) {}

  private pendingSort = false;

  /**
   * Indexes one key's words, given as vocabulary word ids. Calls `onNewWord` for each word never
   * indexed before. With `deferSort`, words are appended and sorted once by `finishBulk`, for
   * loading many keys at once.
   */
  add(slot: number, wordIds: readonly number[], onNewWord: (wordId: number) => void, deferSort = false): void {
    for (let position = 0; position < wordIds.length; position++) {
      const id = wordIds[position]!;
      // A word repeated within one key counts once, at its first position.
      if (wordIds.indexOf(id) < position) continue;
      if (id >= this.seen.length) this.seen = ensureLength(this.seen, id + 1);
      if (this.seen[id] === 0) {
        this.seen[id] = 1;
        onNewWord(id);
        this.insertWord(this.vocabulary.words[id]!, deferSort);
      } else if (!deferSort && this.postings.count(id) === 0) this.insertWord(this.vocabulary.words[id]!, false); // back after its last key was removed
      this.postings.add(id, slot * POSITIONS + Math.min(position, POSITIONS - 1));
    }
  }

  finishBulk(): void {
    if (this.pendingSort) this.words.sort();
    this.pendingSort = false;
    this.postings.finishBulk();
  }

  remove(slot: number, key: string): void {
    const words = key.split(' ');
    for (let position = 0; position < words.length; position++) {
      const word = words[position]!;
      if (words.indexOf(word) < position) continue;
      const id = this.vocabulary.find(word);
      if (id === undefined || !this.postings.remove(id, slot * POSITIONS + Math.min(position, POSITIONS - 1))) continue;
      if (this.postings.count(id) > 0) continue;
      const at = lowerBound(this.words, word);
      if (this.words[at] === word) this.words.splice(at, 1);
    }
  }

  /**
   * The `count` best keys in which some word starts with what was typed (several typed words must
   * appear in order, the last one possibly unfinished), best first. A key's rank is
   * `rankBase[slot]`, plus LATER_WORD when the match does not start the key; a negative base marks
   * a removed key. At most `scanLimit` postings are looked at.
   */
  bestWithPrefix(prefix: string, count: number, rankBase: Int32Array, scanLimit: number): number[] {
    const best: number[] = [];
    const consider = (slot: number, position: number) => {
      const base = rankBase[slot]!;
      if (base < 0) return;
      // Rank and slot packed in one number (rank × 2^22 + slot), so comparing is one subtraction.
      const packed = (base + (position === 0 ? 0 : LATER_WORD)) * SLOT_SPACE + slot;
      if (best.length === count && packed >= best[count - 1]!) return;
      let at = best.length;
      while (at > 0 && packed < best[at - 1]!) at--;
      best.splice(at, 0, packed);
      if (best.length > count) best.pop();
    };
    const typed = prefix.split(' ');
    if (typed.length > 1) this.scanPhrase(prefix, typed, scanLimit, consider);
    else {
      let visited = 0;
      for (let at = lowerBound(this.words, prefix); at < this.words.length && this.words[at]!.startsWith(prefix) && visited < scanLimit; at++) {
        this.postings.forEach(this.vocabulary.find(this.words[at]!)!, (packed) => {
          if (visited++ < scanLimit) consider(Math.floor(packed / POSITIONS), packed % POSITIONS);
        });
      }
    }
    return best.map((value) => value % SLOT_SPACE);
  }

  /**
   * Several typed words: walk only the keys containing the rarest of the finished words, and keep
   * those in which the whole typed text starts at a word boundary. Walking every word that starts
   * with an unfinished last letter ("deep s") would touch a large part of a big glossary.
   */
  private scanPhrase(prefix: string, typed: readonly string[], limit: number, visit: (slot: number, wordPosition: number) => void): void {
    let anchor: number | undefined;
    for (const word of typed.slice(0, -1)) {
      const id = this.vocabulary.find(word);
      if (id === undefined || this.postings.count(id) === 0) return;
      if (anchor === undefined || this.postings.count(id) < this.postings.count(anchor)) anchor = id;
    }
    let visited = 0;
    this.postings.forEach(anchor!, (packed) => {
      if (visited >= limit) return;
      const slot = Math.floor(packed / POSITIONS);
      const key = this.keyOf(slot);
      if (key === undefined) return;
      const at = ` ${key}`.indexOf(` ${prefix}`);
      if (at === -1) return;
      let position = 0;
      for (let space = key.indexOf(' '); space !== -1 && space < at; space = key.indexOf(' ', space + 1)) position++;
      visit(slot, position);
      visited++;
    });
  }

  /** Every key slot containing `word`. */
  forEachSlotWith(word: string, visit: (slot: number) => void): void {
    const id = this.vocabulary.find(word);
    if (id !== undefined) this.postings.forEach(id, (packed) => visit(Math.floor(packed / POSITIONS)));
  }

  /** How many keys contain `word`. */
  countWith(word: string): number {
    const id = this.vocabulary.find(word);
    return id === undefined ? 0 : this.postings.count(id);
  }

  private insertWord(word: string, deferSort: boolean): void {
    if (deferSort) {
      this.words.push(word);
      this.pendingSort = true;
    } else this.words.splice(lowerBound(this.words, word), 0, word);
  }
}

const POSITIONS = 16;
/** Added to the rank of a key whose match starts at a later word. */
export const LATER_WORD = 2_000_000;
const SLOT_SPACE = 2 ** 22;

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
