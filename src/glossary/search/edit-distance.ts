/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
 * transpositions each cost one. fuse.js's Bitap counts a transposition as two edits, which is
 * why the confidence decision uses this instead. Gives up early once `limit` is exceeded.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  let before = new Array<number>(width);
  let previous = new Array<number>(width);
  let current = new Array<number>(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * The distance from `typed` to the closest prefix of `target`, for someone still typing:
 * "convlutional neu" is one edit from a prefix of "convolutional neural network".
 */
export function prefixEditDistance(typed: string, target: string, limit: number): number {
  let best = limit + 1;
  const shortest = Math.max(0, typed.length - limit);
  const longest = Math.min(target.length, typed.length + limit);
  for (let length = shortest; length <= longest; length++) {
    const distance = editDistance(typed, target.slice(0, length), Math.min(limit, best - 1));
    if (distance < best) best = distance;
    if (best === 0) break;
  }
  return best;
}
