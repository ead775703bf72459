import { mix } from './hashing.js';
import { ensureLength } from './typed-arrays.js';

// A block in the pool: [next block offset or -1, capacity, fill, ...capacity values].
const NEXT = 0;
const CAPACITY = 1;
const FILL = 2;
const HEADER = 3;
const FIRST_BLOCK = 2;
const LARGEST_BLOCK = 1024;

/**
 * Numbered, growable lists of integers in a handful of typed arrays: where IntMultimap keeps what
 * is added after the bulk build (entries added or replaced while the bot runs). Each list is a
 * chain of blocks in one pool, doubling in size, so short lists stay small and long ones are
 * read mostly sequentially; no list is an object for the garbage collector to trace.
 *
 * Lists are unordered: removing a value moves the list's last value into its place.
 */
class PostingLists {
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

/** Pairs appended in chunks: growing never copies, and only memory actually written is touched. */
class PairBuffer {
  static readonly CHUNK = 1 << 16;
  readonly keys: Int32Array[] = [];
  readonly values: Int32Array[] = [];
  count = 0;

  push(key: number, value: number): void {
    const at = this.count & (PairBuffer.CHUNK - 1);
    if (at === 0) {
      this.keys.push(new Int32Array(PairBuffer.CHUNK));
      this.values.push(new Int32Array(PairBuffer.CHUNK));
    }
    this.keys[this.keys.length - 1]![at] = key;
    this.values[this.values.length - 1]![at] = value;
    this.count++;
  }

  /** Calls `visit` for each chunk with how many of its pairs are filled. */
  forEachChunk(visit: (keys: Int32Array, values: Int32Array, filled: number) => void): void {
    this.keys.forEach((keys, chunk) => visit(keys, this.values[chunk]!, Math.min(PairBuffer.CHUNK, this.count - chunk * PairBuffer.CHUNK)));
  }
}

/**
 * Integer keys to unordered lists of integers: with `denseKeys`, small non-negative numbers
 * (word and trigram numbers) that index the lists directly; otherwise any 32-bit value (hashes).
 *
 * Values added while the index is first built are only appended to a buffer; `finishBulk` sorts
 * them by key into one array, list after list (a counting sort for dense keys, a radix sort for
 * others, whose distinct keys are then found by binary search). Millions of postings then cost
 * two sequential writes each, instead of a hash-table probe or a list append each at a random
 * place in memory. Values added after that go to a hash table of growable PostingLists.
 *
 * On the machines this runs on, memory is expensive the first time it is touched, so building
 * avoids copying: no doubling arrays, and the counting sort needs no second copy of the pairs.
 */
export class IntMultimap {
  private pending: PairBuffer | undefined = new PairBuffer();
  // After finishBulk, list i (the key itself when dense, else the key's position in frozenKeys,
  // which are distinct and in ascending unsigned order) holds
  // frozenValues[frozenStarts[i] .. + frozenLengths[i]]; lengths shrink as values are removed.
  private frozenKeys: Int32Array = new Int32Array(0);
  private frozenStarts: Int32Array = new Int32Array(0);
  private frozenLengths: Int32Array = new Int32Array(0);
  private frozenValues: Int32Array = new Int32Array(0);
  // Added after building: an open-addressing table from key to list number + 1 (0 = empty).
  private tableKeys = new Int32Array(1 << 4);
  private tableLists = new Int32Array(1 << 4);
  private listCount = 0;
  private readonly later = new PostingLists();
  private readonly denseKeys: boolean;

  constructor(options: { denseKeys?: boolean } = {}) {
    this.denseKeys = options.denseKeys ?? false;
  }

  add(key: number, value: number): void {
    if (this.denseKeys && !(key >>> 0 === key && key <= MAX_DENSE_KEY)) throw new RangeError(`not a dense key: ${key}`);
    if (this.pending) this.pending.push(key, value);
    else this.later.add(this.laterList(key, true), value);
  }

  /** Removes one occurrence of `value` from the key's list; returns whether it was there. */
  remove(key: number, value: number): boolean {
    this.finishBulk();
    const index = this.frozenIndex(key);
    if (index >= 0) {
      const start = this.frozenStarts[index]!;
      const end = start + this.frozenLengths[index]!;
      for (let at = start; at < end; at++) {
        if (this.frozenValues[at] !== value) continue;
        this.frozenValues[at] = this.frozenValues[end - 1]!;
        this.frozenLengths[index]! -= 1;
        return true;
      }
    }
    const list = this.laterList(key, false);
    return list >= 0 && this.later.remove(list, value);
  }

  /** How many values the key has. */
  count(key: number): number {
    this.finishBulk();
    const index = this.frozenIndex(key);
    const list = this.laterList(key, false);
    return (index < 0 ? 0 : this.frozenLengths[index]!) + (list < 0 ? 0 : this.later.count(list));
  }

  /** Calls `visit` with every value of the key, in no particular order. */
  forEach(key: number, visit: (value: number) => void): void {
    this.finishBulk();
    const index = this.frozenIndex(key);
    if (index >= 0) {
      const values = this.frozenValues;
      const start = this.frozenStarts[index]!;
      const end = start + this.frozenLengths[index]!;
      for (let at = start; at < end; at++) visit(values[at]!);
    }
    const list = this.laterList(key, false);
    if (list >= 0) this.later.forEach(list, visit);
  }

  /** Sorts the values added so far into their lists. Any read does this first; later adds are kept apart. */
  finishBulk(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    if (this.denseKeys) this.countingSort(pending);
    else this.radixSort(pending);
  }

  /** Dense keys: count each key's values, then write every value straight to its place. */
  private countingSort(pending: PairBuffer): void {
    let largest = -1;
    pending.forEachChunk((keys, _values, filled) => {
      for (let i = 0; i < filled; i++) if (keys[i]! > largest) largest = keys[i]!;
    });
    const lengths = new Int32Array(largest + 1);
    pending.forEachChunk((keys, _values, filled) => {
      for (let i = 0; i < filled; i++) lengths[keys[i]!]! += 1;
    });
    const starts = new Int32Array(largest + 1);
    for (let key = 1; key <= largest; key++) starts[key] = starts[key - 1]! + lengths[key - 1]!;
    const cursors = starts.slice();
    const sorted = new Int32Array(pending.count);
    pending.forEachChunk((keys, values, filled) => {
      for (let i = 0; i < filled; i++) sorted[cursors[keys[i]!]!++] = values[i]!;
    });
    this.frozenStarts = starts;
    this.frozenLengths = lengths;
    this.frozenValues = sorted;
  }

  /** Any keys: radix-sort the pairs, then note where each distinct key's run starts. */
  private radixSort(pending: PairBuffer): void {
    const count = pending.count;
    const keys = new Int32Array(count);
    const values = new Int32Array(count);
    let at = 0;
    pending.forEachChunk((chunkKeys, chunkValues, filled) => {
      keys.set(chunkKeys.subarray(0, filled), at);
      values.set(chunkValues.subarray(0, filled), at);
      at += filled;
    });
    const [sortedKeys, sortedValues] = sortByKey(keys, values, count);
    let distinct = 0;
    for (let i = 0; i < count; i++) if (i === 0 || sortedKeys[i] !== sortedKeys[i - 1]) distinct++;
    const frozenKeys = new Int32Array(distinct);
    const starts = new Int32Array(distinct);
    const lengths = new Int32Array(distinct);
    let index = -1;
    for (let i = 0; i < count; i++) {
      if (i === 0 || sortedKeys[i] !== sortedKeys[i - 1]) {
        frozenKeys[++index] = sortedKeys[i]!;
        starts[index] = i;
      }
      lengths[index]! += 1;
    }
    this.frozenKeys = frozenKeys;
    this.frozenStarts = starts;
    this.frozenLengths = lengths;
    this.frozenValues = sortedValues;
  }

  /** The key's list among the frozen ones, or -1. */
  private frozenIndex(key: number): number {
    if (this.denseKeys) return key >= 0 && key < this.frozenLengths.length ? key : -1;
    const keys = this.frozenKeys;
    const wanted = key >>> 0;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (keys[middle]! >>> 0 < wanted) low = middle + 1;
      else high = middle;
    }
    return low < keys.length && keys[low] === key ? low : -1;
  }

  /** The key's list among later adds; with `create`, a new one if it has none, else -1. */
  private laterList(key: number, create: boolean): number {
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

/** Dense keys index arrays directly, so they must stay reasonably small. */
const MAX_DENSE_KEY = (1 << 26) - 1;

/**
 * The first `count` pairs sorted by key in ascending unsigned order, stably: a least-significant-
 * digit radix sort, 8 bits at a time. Small digits keep the scatter within the processor's
 * fastest cache (sorting millions of postings into thousands of lists in one pass would miss it
 * on nearly every write), and a pass is skipped when every key has the same digit there, so
 * small keys such as word or trigram numbers take two or three passes instead of four.
 */
function sortByKey(keys: Int32Array, values: Int32Array, count: number): [Int32Array, Int32Array] {
  let fromKeys: Int32Array = keys;
  let fromValues: Int32Array = values;
  let toKeys: Int32Array = new Int32Array(count);
  let toValues: Int32Array = new Int32Array(count);
  const slots = new Int32Array(257);
  for (let shift = 0; shift < 32; shift += 8) {
    slots.fill(0);
    for (let i = 0; i < count; i++) slots[((fromKeys[i]! >>> shift) & 0xff) + 1]! += 1;
    if (count === 0 || slots[((fromKeys[0]! >>> shift) & 0xff) + 1] === count) continue;
    for (let digit = 0; digit < 256; digit++) slots[digit + 1]! += slots[digit]!;
    for (let i = 0; i < count; i++) {
      const key = fromKeys[i]!;
      const at = slots[(key >>> shift) & 0xff]!++;
      toKeys[at] = key;
      toValues[at] = fromValues[i]!;
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromValues, toValues] = [toValues, fromValues];
  }
  return [fromKeys, fromValues];
}
