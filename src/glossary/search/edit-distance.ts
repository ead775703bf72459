/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
 * transpositions each cost one. fuse.js's Bitap counts a transposition as two edits, which is
 * why the confidence decision uses this instead.
 *
 * One dynamic-programming pass gives both the distance to the whole target and the distance to
 * its closest prefix (the minimum of the last row), for someone still typing: "convlutional neu"
 * is one edit from a prefix of "convolutional neural network". Rows are reused between calls
 * because this runs dozens of times per keystroke.
 */
export interface Distances {
  whole: number;
  prefix: number;
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistances(typed: string, target: string, limit = Number.POSITIVE_INFINITY): Distances {
  if (typed === target) return { whole: 0, prefix: 0 };
  const width = target.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [before, previous, current] = rows;
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= typed.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const typedCode = typed.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const targetCode = target.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (typedCode === targetCode ? 0 : 1));
      if (i > 1 && j > 1 && typedCode === target.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === targetCode) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // Every later row is at least this row's minimum, so nothing within the limit can follow.
    if (rowMinimum > limit) return { whole: limit + 1, prefix: limit + 1 };
    [before, previous, current] = [previous, current, before];
  }
  let prefix = previous[0]!;
  for (let j = 1; j < width; j++) if (previous[j]! < prefix) prefix = previous[j]!;
  return { whole: previous[target.length]!, prefix };
}

export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  return editDistances(a, b, limit).whole;
}
