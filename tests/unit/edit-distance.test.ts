import { describe, expect, it } from 'vitest';
import { editDistances } from '../../src/glossary/search/edit-distance.js';

/** The textbook full-table optimal-string-alignment distance, written plainly as the reference. */
function reference(a: string, b: string): { whole: number; prefix: number } {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return { whole: d[a.length]![b.length]!, prefix: Math.min(...d[a.length]!) };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

describe('edit distances', () => {
  it('counts the four kinds of edit once each, and the nearest prefix', () => {
    expect(editDistances('gradient', 'gradient')).toEqual({ whole: 0, prefix: 0 });
    expect(editDistances('gradeint', 'gradient').whole).toBe(1);
    expect(editDistances('gradint', 'gradient').whole).toBe(1);
    expect(editDistances('convlutional neu', 'convolutional neural network')).toEqual({ whole: 12, prefix: 1 });
    expect(editDistances('', 'abc')).toEqual({ whole: 3, prefix: 0 });
    expect(editDistances('abc', '')).toEqual({ whole: 3, prefix: 3 });
  });

  it('agrees with the full table on every distance within the limit, and says "further" otherwise', () => {
    const random = seeded(42);
    const letters = 'abcde ';
    const word = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => letters[Math.floor(random() * letters.length)]).join('');
    for (let round = 0; round < 4000; round++) {
      const typed = word(9);
      // Often a near copy, so small distances are well represented.
      const target = random() < 0.5 ? word(14) : `${typed.slice(0, Math.floor(random() * typed.length))}${word(4)}${typed.slice(Math.floor(random() * typed.length))}`;
      const expected = reference(typed, target);
      for (const limit of [0, 1, 2, 3, Number.POSITIVE_INFINITY]) {
        const got = editDistances(typed, target, limit);
        const label = `${JSON.stringify(typed)} → ${JSON.stringify(target)} within ${limit}`;
        for (const kind of ['whole', 'prefix'] as const) {
          if (expected[kind] <= limit) expect(got[kind], `${kind} ${label}`).toBe(expected[kind]);
          else expect(got[kind], `${kind} ${label}`).toBeGreaterThan(limit);
        }
      }
    }
  });
});
