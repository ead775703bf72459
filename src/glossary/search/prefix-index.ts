/**
 * A sorted array of every word-suffix of every key ("stochastic gradient descent",
 * "gradient descent", "descent"). A binary search finds all keys in which some word starts with
 * what was typed, without scanning the glossary. Inserting keeps it sorted, so one entry can be
 * added or removed without a rebuild.
 */
export class PrefixIndex {
  private readonly texts: string[] = [];
  private readonly slots: number[] = [];
  private readonly wordPositions: number[] = [];

  get size(): number {
    return this.texts.length;
  }

  /** Bulk load: append everything, then sort once. */
  bulkLoad(items: ReadonlyArray<{ slot: number; key: string }>): void {
    const rows: Array<[string, number, number]> = [];
    for (const { slot, key } of items) for (const row of suffixes(key)) rows.push([row[0], slot, row[1]]);
    rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
    for (const [text, slot, position] of rows) {
      this.texts.push(text);
      this.slots.push(slot);
      this.wordPositions.push(position);
    }
  }

  add(slot: number, key: string): void {
    for (const [text, position] of suffixes(key)) {
      const at = this.lowerBound(text);
      this.texts.splice(at, 0, text);
      this.slots.splice(at, 0, slot);
      this.wordPositions.splice(at, 0, position);
    }
  }

  remove(slot: number, key: string): void {
    for (const [text] of suffixes(key)) {
      for (let at = this.lowerBound(text); at < this.texts.length && this.texts[at] === text; at++) {
        if (this.slots[at] === slot) {
          this.texts.splice(at, 1);
          this.slots.splice(at, 1);
          this.wordPositions.splice(at, 1);
          break;
        }
      }
    }
  }

  /**
   * Calls `visit(slot, wordPosition)` for keys with a word starting with `prefix`, in key order,
   * until `limit` rows have been visited. Word position 0 means the key itself starts with it.
   */
  forEachWithPrefix(prefix: string, limit: number, visit: (slot: number, wordPosition: number) => void): void {
    let visited = 0;
    for (let at = this.lowerBound(prefix); at < this.texts.length && visited < limit; at++, visited++) {
      if (!this.texts[at]!.startsWith(prefix)) return;
      visit(this.slots[at]!, this.wordPositions[at]!);
    }
  }

  private lowerBound(text: string): number {
    let low = 0;
    let high = this.texts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.texts[middle]! < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function suffixes(key: string): Array<[string, number]> {
  const result: Array<[string, number]> = [[key, 0]];
  let position = 0;
  for (let index = key.indexOf(' '); index !== -1; index = key.indexOf(' ', index + 1)) {
    position += 1;
    result.push([key.slice(index + 1), position]);
  }
  return result;
}
