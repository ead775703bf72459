/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
 * transpositions each cost one. fuse.js's Bitap counts a transposition as two edits, which is
 * why the confidence decision uses this instead.
 *
 * One dynamic-programming pass gives both the distance to the whole target and the distance to
 * its closest prefix (the minimum of the last row), for someone still typing: "convlutional neu"
 * is one edit from a prefix of "convolutional neural network". Rows are reused between calls
 * because this runs dozens of times per keystroke.
 *
 * With a limit, only the diagonal band |i − j| ≤ limit is computed: a cell off the band costs at
 * least its distance from the diagonal, so every distance within the limit is found exactly, and
 * anything further comes back as limit + 1. Callers only ever act on distances within their
 * limit, and a band of 5 instead of a whole 30-character row is most of the saving.
 */
export interface Distances {
  whole: number;
  prefix: number;
}

/** Stands for "further than the limit" in the rows (which are Int32Array: no Infinity). */
const FAR = 1 << 20;

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistances(typed: string, target: string, limit = Number.POSITIVE_INFINITY): Distances {
  if (typed === target) return { whole: 0, prefix: 0 };
  const band = Math.min(limit, FAR - 1);
  const beyond = band + 1;
  const width = target.length + 1;
  if (rows[0].length < width + 1) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [before, previous, current] = rows;
  const firstRowEnd = Math.min(target.length, band);
  for (let j = 0; j <= firstRowEnd; j++) previous[j] = j;
  if (firstRowEnd + 1 < width) previous[firstRowEnd + 1] = beyond;
  for (let i = 1; i <= typed.length; i++) {
    const low = Math.max(1, i - band);
    const high = Math.min(target.length, i + band);
    current[0] = i <= band ? i : beyond;
    // The cells just outside the band read as "too far" for this row and the next.
    current[low - 1] = low - 1 === 0 ? current[0]! : beyond;
    if (high + 1 < width) current[high + 1] = beyond;
    let rowMinimum = low === 1 ? current[0]! : beyond;
    const typedCode = typed.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const targetCode = target.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (typedCode === targetCode ? 0 : 1));
      if (i > 1 && j > 1 && typedCode === target.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === targetCode) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      if (value > beyond) value = beyond;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // Every later row is at least this row's minimum, so nothing within the limit can follow.
    if (rowMinimum > limit) return { whole: beyond, prefix: beyond };
    [before, previous, current] = [previous, current, before];
  }
  const n = typed.length;
  const low = Math.max(1, n - band);
  const high = Math.min(target.length, n + band);
  let prefix = n <= band ? n : beyond;
  for (let j = low; j <= high; j++) if (previous[j]! < prefix) prefix = previous[j]!;
  const whole = Math.abs(n - target.length) <= band ? previous[target.length]! : beyond;
  return { whole, prefix: Math.min(prefix, whole) };
}
