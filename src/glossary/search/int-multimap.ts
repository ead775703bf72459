import { ensureLength } from './typed-arrays.js';

// A block in the pool: [next block offset or -1, capacity, fill, ...capacity values].
const NEXT = 0;
const CAPACITY = 1;
const FILL = 2;
const HEADER = 3;
const FIRST_BLOCK = 2;
const LARGEST_BLOCK = 1024;

/**
 * Numbered lists of integers (postings), held in a handful of typed arrays instead of arrays of
 * arrays. Building an index over a hundred thousand names creates millions of postings; as
 * objects, each small list is an allocation the garbage collector must trace, and on the
 * machines this runs on allocation is the expensive part of building. Each list is a chain of
 * blocks in one pool, doubling in size, so short lists stay small and long ones are read mostly
 * sequentially.
 *
 * Lists are unordered: removing a value moves the list's last value into its place.
 */
export class PostingLists {
  private heads = new Int32Array(256).fill(-1);
  /** The last block holding values (or the head of an empty list). */
  private tails = new Int32Array(256);
  private lengths = new Int32Array(256);
  private pool = new Int32Array(1 << 12);
  private poolUsed = 0;

  add(list: number, value: number): void {
    if (list >= this.heads.length || this.heads[list] === -1) this.create(list);
    const pool = this.pool;
    let tail = this.tails[list]!;
    if (pool[tail + FILL] === pool[tail + CAPACITY]) {
      // A block emptied by earlier removals may follow; reuse it before growing the pool.
      let next = pool[tail + NEXT]!;
      if (next === -1) {
        next = this.newBlock(Math.min(LARGEST_BLOCK, pool[tail + CAPACITY]! * 2));
        this.pool[tail + NEXT] = next;
      }
      this.tails[list] = tail = next;
    }
    const current = this.pool;
    current[tail + HEADER + current[tail + FILL]!] = value;
    current[tail + FILL]! += 1;
    this.lengths[list]! += 1;
  }

  /** Removes one occurrence of `value` from the list; returns whether it was there. */
  remove(list: number, value: number): boolean {
    if (list >= this.heads.length || this.heads[list] === -1) return false;
    const pool = this.pool;
    const tail = this.tails[list]!;
    for (let block = this.heads[list]!; block !== -1; block = pool[block + NEXT]!) {
      const end = block + HEADER + pool[block + FILL]!;
      for (let at = block + HEADER; at < end; at++) {
        if (pool[at] !== value) continue;
        // The tail's last value fills the gap. An emptied tail block stays linked, to be filled
        // again by a later add, so add/remove cycles do not grow the pool.
        const fill = pool[tail + FILL]! - 1;
        pool[at] = pool[tail + HEADER + fill]!;
        pool[tail + FILL] = fill;
        if (fill === 0 && tail !== this.heads[list]) this.tails[list] = this.blockBefore(list, tail);
        this.lengths[list]! -= 1;
        return true;
      }
      if (block === tail) break;
    }
    return false;
  }

  /** How many values the list has. */
  count(list: number): number {
    return list < this.lengths.length ? this.lengths[list]! : 0;
  }

  /** Calls `visit` with every value of the list, in no particular order. */
  forEach(list: number, visit: (value: number) => void): void {
    if (list >= this.heads.length) return;
    const pool = this.pool;
    for (let block = this.heads[list]!; block !== -1; block = pool[block + NEXT]!) {
      const end = block + HEADER + pool[block + FILL]!;
      for (let at = block + HEADER; at < end; at++) visit(pool[at]!);
    }
  }

  private create(list: number): void {
    if (list >= this.heads.length) {
      const size = this.heads.length;
      this.heads = ensureLength(this.heads, list + 1);
      this.heads.fill(-1, size);
      this.tails = ensureLength(this.tails, list + 1);
      this.lengths = ensureLength(this.lengths, list + 1);
    }
    const block = this.newBlock(FIRST_BLOCK);
    this.heads[list] = block;
    this.tails[list] = block;
  }

  private blockBefore(list: number, block: number): number {
    let previous = this.heads[list]!;
    while (this.pool[previous + NEXT] !== block) previous = this.pool[previous + NEXT]!;
    return previous;
  }

  private newBlock(capacity: number): number {
    const block = this.poolUsed;
    this.poolUsed += HEADER + capacity;
    this.pool = ensureLength(this.pool, this.poolUsed);
    this.pool[block + NEXT] = -1;
    this.pool[block + CAPACITY] = capacity;
    this.pool[block + FILL] = 0;
    return block;
  }
}

/**
 * Any 32-bit integer keys (hashes, packed trigrams, word ids) to unordered lists of integers.
 * An open-addressing table numbers the keys. Values added while the index is first built are
 * only appended to a buffer and laid out at once, list after list, by a counting sort when the
 * map is first read (`finishBulk`, or any read): millions of postings then cost two sequential writes
 * each instead of a walk to their list. Values added after that go to growable PostingLists.
 */
export class IntMultimap {
  private tableKeys = new Int32Array(1 << 10);
  /** List number + 1 at each table position; 0 marks an empty position. */
  private tableLists = new Int32Array(1 << 10);
  private listCount = 0;
  // Before freezing: (list, value) pairs in the order they were added.
  private pendingLists: Int32Array | undefined = new Int32Array(1024);
  private pendingValues = new Int32Array(1024);
  private pendingCount = 0;
  // After freezing: list i's bulk values are frozenValues[frozenStarts[i] .. + frozenLengths[i]].
  private frozenStarts = new Int32Array(0);
  private frozenLengths = new Int32Array(0);
  private frozenValues = new Int32Array(0);
  private readonly later = new PostingLists();

  add(key: number, value: number): void {
    const list = this.listOf(key, true);
    if (this.pendingLists === undefined) {
      this.later.add(list, value);
      return;
    }
    const at = this.pendingCount++;
    if (at === this.pendingLists.length) {
      this.pendingLists = ensureLength(this.pendingLists, at + 1);
      this.pendingValues = ensureLength(this.pendingValues, at + 1);
    }
    this.pendingLists[at] = list;
    this.pendingValues[at] = value;
  }

  /** Removes one occurrence of `value` from the key's list; returns whether it was there. */
  remove(key: number, value: number): boolean {
    this.finishBulk();
    const list = this.listOf(key, false);
    if (list < 0) return false;
    if (list < this.frozenLengths.length) {
      const start = this.frozenStarts[list]!;
      const end = start + this.frozenLengths[list]!;
      for (let at = start; at < end; at++) {
        if (this.frozenValues[at] !== value) continue;
        this.frozenValues[at] = this.frozenValues[end - 1]!;
        this.frozenLengths[list]! -= 1;
        return true;
      }
    }
    return this.later.remove(list, value);
  }

  /** How many values the key has. */
  count(key: number): number {
    this.finishBulk();
    const list = this.listOf(key, false);
    if (list < 0) return 0;
    return (list < this.frozenLengths.length ? this.frozenLengths[list]! : 0) + this.later.count(list);
  }

  /** Calls `visit` with every value of the key, in no particular order. */
  forEach(key: number, visit: (value: number) => void): void {
    this.finishBulk();
    const list = this.listOf(key, false);
    if (list < 0) return;
    if (list < this.frozenLengths.length) {
      const values = this.frozenValues;
      const start = this.frozenStarts[list]!;
      const end = start + this.frozenLengths[list]!;
      for (let at = start; at < end; at++) visit(values[at]!);
    }
    this.later.forEach(list, visit);
  }

  /** Lays out the values added so far, grouped by list (a counting sort). Later adds are kept apart. */
  finishBulk(): void {
    const lists = this.pendingLists;
    if (lists === undefined) return;
    const count = this.pendingCount;
    const starts = new Int32Array(this.listCount + 1);
    for (let i = 0; i < count; i++) starts[lists[i]! + 1]! += 1;
    const lengths = new Int32Array(this.listCount);
    for (let list = 0; list < this.listCount; list++) {
      lengths[list] = starts[list + 1]!;
      starts[list + 1]! += starts[list]!;
    }
    const values = new Int32Array(count);
    const cursors = starts.slice(0, this.listCount);
    for (let i = 0; i < count; i++) values[cursors[lists[i]!]!++] = this.pendingValues[i]!;
    this.frozenStarts = starts;
    this.frozenLengths = lengths;
    this.frozenValues = values;
    this.pendingLists = undefined;
    this.pendingValues = new Int32Array(0);
    this.pendingCount = 0;
  }

  /** The key's list number; with `create`, a new one if the key has none, else -1. */
  private listOf(key: number, create: boolean): number {
    const mask = this.tableKeys.length - 1;
    let at = mix(key) & mask;
    for (let stored = this.tableLists[at]!; stored !== 0; stored = this.tableLists[at]!) {
      if (this.tableKeys[at] === key) return stored - 1;
      at = (at + 1) & mask;
    }
    if (!create) return -1;
    const list = this.listCount++;
    this.tableKeys[at] = key;
    this.tableLists[at] = list + 1;
    if (this.listCount * 2 > this.tableKeys.length) this.growTable();
    return list;
  }

  private growTable(): void {
    const keys = new Int32Array(this.tableKeys.length * 2);
    const lists = new Int32Array(this.tableKeys.length * 2);
    const mask = keys.length - 1;
    for (let old = 0; old < this.tableKeys.length; old++) {
      const stored = this.tableLists[old]!;
      if (stored === 0) continue;
      let at = mix(this.tableKeys[old]!) & mask;
      while (lists[at] !== 0) at = (at + 1) & mask;
      keys[at] = this.tableKeys[old]!;
      lists[at] = stored;
    }
    this.tableKeys = keys;
    this.tableLists = lists;
  }
}

/** Spreads nearby keys (packed trigrams differ only in a few bits) across the table. */
function mix(key: number): number {
  let x = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A 32-bit FNV-1a hash of `text` without the character at `skip` (-1 skips nothing), computed
 * without building that string. Used as an IntMultimap key where a collision only costs an extra
 * candidate that is checked afterwards.
 */
export function hashSkipping(text: string, skip = -1): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  }
  return hash | 0;
}

/** The hash of `text` with every space left out, equal to hashSkipping(compact(text)). */
export function hashWithoutSpaces(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32) hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash | 0;
}

/** A hash of the words of `text` that ignores their order, so "descent gradient" and "gradient descent" share it. */
export function hashOfWordSet(text: string): number {
  let sum = 0;
  let hash = FNV_OFFSET;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code !== 32) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    sum = (sum + mix(hash)) | 0;
    hash = FNV_OFFSET;
  }
  return sum;
}
