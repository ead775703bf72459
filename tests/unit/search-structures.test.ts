import { describe, expect, it } from 'vitest';
import { compact, normalize } from '../../src/glossary/normalize.js';
import { forEachDeletionHash, hashOfWordSet, hashText, hashWithoutSpaces, polynomialHash } from '../../src/glossary/search/hashing.js';
import { IntMultimap } from '../../src/glossary/search/int-multimap.js';
import { AS_WRITTEN, NameFormIndex } from '../../src/glossary/search/name-forms.js';
import { TrigramIndex } from '../../src/glossary/search/trigram-index.js';
import { Vocabulary } from '../../src/glossary/search/vocabulary.js';
import { normalizedWords } from '../../src/glossary/normalize.js';
import { prng } from '../../bench/generate.js';

/** What the multimap holds, read back in a fixed order so it can be compared with a plain model. */
function contents(map: IntMultimap, keys: Iterable<number>): Map<number, number[]> {
  const result = new Map<number, number[]>();
  for (const key of keys) {
    const values: number[] = [];
    map.forEach(key, (value) => values.push(value));
    expect(values.length).toBe(map.count(key));
    if (values.length > 0) result.set(key, values.sort((x, y) => x - y));
  }
  return result;
}

function removeOne(list: number[], value: number): boolean {
  const at = list.indexOf(value);
  if (at === -1) return false;
  list.splice(at, 1);
  return true;
}

describe('IntMultimap', () => {
  it.each([
    // Negative keys, large keys and keys that differ in one bit, as hashes do.
    { mode: 'any keys', dense: false, keys: [0, 1, 2, -1, -123456789, 2 ** 31 - 1, -(2 ** 31), 65536, -65536, 1 << 20, (1 << 20) | 1, ...Array.from({ length: 300 }, (_, i) => i * 7919)] },
    // Word and trigram numbers, with gaps.
    { mode: 'dense keys', dense: true, keys: [0, 1, 2, 3, 255, 256, 257, 70_000, ...Array.from({ length: 300 }, (_, i) => i * 13)] },
  ])('agrees with a plain map of arrays through bulk adds, later adds and removals ($mode)', ({ dense, keys }) => {
    const random = prng(5);
    const map = new IntMultimap({ denseKeys: dense });
    const model = new Map<number, number[]>();
    const step = (phase: 'bulk' | 'after') => {
      const key = keys[Math.floor(random() * keys.length)]!;
      const value = Math.floor(random() * 50);
      const list = model.get(key) ?? [];
      if (phase === 'after' && random() < 0.4) {
        expect(map.remove(key, value)).toBe(removeOne(list, value));
      } else {
        map.add(key, value);
        list.push(value);
      }
      model.set(key, list);
    };
    for (let i = 0; i < 5000; i++) step('bulk');
    map.finishBulk();
    const expected = () => new Map([...model].filter(([, list]) => list.length > 0).map(([key, list]) => [key, [...list].sort((x, y) => x - y)]));
    expect(contents(map, keys)).toEqual(expected());
    for (let i = 0; i < 20_000; i++) step('after');
    expect(contents(map, keys)).toEqual(expected());
    expect(map.count(424242)).toBe(0);
    expect(map.remove(424242, 1)).toBe(false);
  });

  it('refuses a key that is not a small non-negative integer when keys are dense', () => {
    const map = new IntMultimap({ denseKeys: true });
    expect(() => map.add(-1, 0)).toThrow(RangeError);
    expect(() => map.add(2 ** 30, 0)).toThrow(RangeError);
    expect(() => map.add(1.5, 0)).toThrow(RangeError);
  });

  it('is readable before finishBulk is called (the first read lays the values out)', () => {
    const map = new IntMultimap();
    map.add(3, 30);
    map.add(3, 31);
    expect(map.count(3)).toBe(2);
    map.add(3, 32);
    expect(contents(map, [3]).get(3)).toEqual([30, 31, 32]);
  });

  it('keeps working through many add/remove cycles of the same values', () => {
    const map = new IntMultimap();
    for (let value = 0; value < 10; value++) map.add(9, value);
    map.finishBulk();
    for (let cycle = 0; cycle < 1000; cycle++) {
      for (let value = 100; value < 140; value++) map.add(9, value);
      for (let value = 139; value >= 100; value--) expect(map.remove(9, value)).toBe(true);
    }
    expect(contents(map, [9]).get(9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('TrigramIndex', () => {
  it('gives a name added as word ids the same trigrams as the same name added as text', () => {
    // Names as the engine holds them: normalised.
    const names = ['deep learning', 'k means', 'a b c', 'learning to learn learning', 'q learning', 'x', 'batch size', 'αβγ δεζ', 'gradient descent', 'deep deep'].map(normalize);
    const vocabulary = new Vocabulary();
    const byText = new TrigramIndex();
    const byWords = new TrigramIndex();
    names.forEach((name, slot) => {
      byText.add(slot, name);
      const ids = Array.from(vocabulary.splitIds.subarray(0, vocabulary.split(name)));
      expect(ids.map((id) => vocabulary.words[id]).join(' ')).toBe(name);
      byWords.addName(slot, ids, (id) => vocabulary.words[id]!);
    });
    byText.finishBulk();
    byWords.finishBulk();
    for (const query of [...names, 'batchxsize', 'deep lerning', 'kmeans', 'b c', 'learn', 'αβγ']) {
      // Similarities depend on how many trigrams each name has and shares, so equal lists mean equal postings and counts.
      expect(byWords.candidates(query, 20, 0), query).toEqual(byText.candidates(query, 20, 0));
    }
  });
});

describe('hashes of name forms', () => {
  it('hashes a text without its spaces like the spaceless text itself', () => {
    for (const text of ['k means', 'gradient descent', 'a b c d', 'single']) expect(hashWithoutSpaces(text)).toBe(hashText(compact(text)));
  });

  it('hashes a word and each form of it with one letter removed like those strings, each form once', () => {
    const deletionHashes = (word: string) => {
      const hashes: number[] = [];
      forEachDeletionHash(word, (hash) => hashes.push(hash));
      return hashes;
    };
    expect(deletionHashes('umap')).toEqual(['umap', 'map', 'uap', 'ump', 'uma'].map(polynomialHash));
    expect(deletionHashes('all')).toEqual(['all', 'll', 'al'].map(polynomialHash));
    expect(deletionHashes('x')).toEqual(['x', ''].map(polynomialHash));
    const long = 'a'.repeat(40) + 'bcdefghijklmnopqrstuvwxyz0123456789'; // longer than the scratch arrays start
    const forms = [long, long.slice(1), ...Array.from({ length: long.length - 40 }, (_, i) => long.slice(0, 40 + i) + long.slice(41 + i))];
    expect(deletionHashes(long)).toEqual(forms.map(polynomialHash));
  });

  it('ignores word order, but not which words there are', () => {
    expect(hashOfWordSet('gradient descent')).toBe(hashOfWordSet('descent gradient'));
    expect(hashOfWordSet('a b c')).toBe(hashOfWordSet('c a b'));
    expect(hashOfWordSet('gradient descent')).not.toBe(hashOfWordSet('gradient ascent'));
    expect(hashOfWordSet('a a b')).not.toBe(hashOfWordSet('a b b'));
  });
});

describe('NameFormIndex', () => {
  it('checks every slot under a hash, so colliding names never answer for each other', () => {
    const names = ['alpha', 'beta', 'gamma', 'beta'];
    // Every name gets the same hash: only the comparison of real forms can tell them apart.
    const index = new NameFormIndex({ hash: () => 7, text: AS_WRITTEN.text }, (slot) => names[slot]);
    names.forEach((name, slot) => index.add(name, slot));
    index.finishBulk();
    expect(index.find('gamma')).toBe(2);
    expect(index.find('beta')).toBe(1);
    expect(index.find('delta')).toBeUndefined();
    index.remove('beta', 1);
    expect(index.find('beta')).toBe(3);
  });
});

describe('Vocabulary', () => {
  it('splits text into the same words as normalizedWords, on the fast path and off it', () => {
    const vocabulary = new Vocabulary();
    const texts = [
      'Gradient descent takes small steps; the learning-rate (LR) sets their size.',
      'UPPER and lower CASE, digits like 3D and k2, and under_scores + symbols = 100%',
      "Bayes' theorem and the model's priors",
      'Naïve Bayes café — résumé',
      'AT&T and R&D',
      '',
      'trailing word',
    ];
    for (const text of texts) {
      const count = vocabulary.split(text);
      const words = Array.from(vocabulary.splitIds.subarray(0, count), (id) => vocabulary.words[id]);
      expect(words).toEqual(normalizedWords(text));
    }
  });

  it('tells thousands of random words apart, short and long, letters and digits', () => {
    const random = prng(9);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const words = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
    );
    const vocabulary = new Vocabulary();
    const text = words.join(' ');
    const count = vocabulary.split(text);
    expect(Array.from(vocabulary.splitIds.subarray(0, count), (id) => vocabulary.words[id])).toEqual(normalizedWords(text));
    // And again, now that every word is known: the second pass goes through the lookups.
    const again = vocabulary.split(text.toUpperCase());
    expect(Array.from(vocabulary.splitIds.subarray(0, again), (id) => vocabulary.words[id])).toEqual(normalizedWords(text));
  });

  it('gives one id to the same word in any case', () => {
    const vocabulary = new Vocabulary();
    const ids = (text: string) => Array.from(vocabulary.splitIds.subarray(0, vocabulary.split(text)));
    const [first] = ids('Transformer');
    expect(ids('TRANSFORMER transformer transformers')).toEqual([first, first, first]);
  });
});
