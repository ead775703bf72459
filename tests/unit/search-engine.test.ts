import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/glossary/limits.js';
import { loadGlossary } from '../../src/glossary/load.js';
import type { Entry } from '../../src/glossary/schema.js';
import { SearchEngine } from '../../src/glossary/search/engine.js';

let entries: Entry[];
let engine: SearchEngine;

beforeAll(async () => {
  const { glossary } = await loadGlossary([path.resolve(import.meta.dirname, '../fixtures/small')]);
  entries = [...glossary!.entries.values()];
  engine = new SearchEngine(entries);
});

/** A small deterministic PRNG (LCG) so a generated fixture is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function resolvedId(query: string): string | undefined {
  const result = engine.resolve(query);
  return result.kind === 'entry' ? result.entry.id : undefined;
}

describe('resolve', () => {
  it('answers the exact term, whatever the case or punctuation', () => {
    const result = engine.resolve('  gradient-DESCENT ');
    expect(result).toMatchObject({ found: true, matchedBy: 'exact', matchedText: 'Gradient Descent' });
  });

  it('answers an alias and says which one matched', () => {
    expect(engine.resolve('sgd')).toMatchObject({ found: true, matchedBy: 'alias', matchedText: 'SGD', entry: { id: 'stochastic-gradient-descent' } });
    expect(engine.resolve('What is a CNN?')).toMatchObject({ found: true, matchedBy: 'alias', entry: { id: 'convolutional-neural-network' } });
  });

  it('answers a typo through the fuzzy tier', () => {
    expect(engine.resolve('gradeint descent')).toMatchObject({ found: true, matchedBy: 'fuzzy', entry: { id: 'gradient-descent' } });
    expect(resolvedId('lerning rate')).toBe('learning-rate');
    expect(resolvedId('regularisaton')).toBe('regularization');
    expect(resolvedId('convolutonal nueral network')).toBe('convolutional-neural-network');
  });

  it('answers spelling variants exactly', () => {
    expect(resolvedId('k nearest neighbours')).toBe('k-nearest-neighbors');
    expect(resolvedId('KNN')).toBe('k-nearest-neighbors');
    expect(resolvedId('bayes theorem')).toBe('bayes-theorem');
    expect(resolvedId('what is a/b testing?')).toBe('a-b-testing');
    expect(resolvedId('descent gradient')).toBe('gradient-descent');
  });

  it('does not guess between two equally good candidates', () => {
    const result = engine.resolve('top k');
    expect(result.found).toBe(false);
    expect(result.suggestions.map((suggestion) => suggestion.entry.id)).toEqual(expect.arrayContaining(['top-k-accuracy', 'top-k-sampling']));
  });

  it('considers a short word with swapped letters even when it shares no trigram with the name', () => {
    const local = new SearchEngine([
      ...entries,
      { id: 'umap', term: 'UMAP', aliases: [], category: 'basics', definition: 'd', explanation: 'e', related: [] },
      { id: 'mixed-precision', term: 'Mixed Precision', aliases: ['AMP'], category: 'basics', definition: 'd', explanation: 'e', related: [] },
    ]);
    // "uamp" is one transposition from UMAP and one insertion from AMP: a tie, so no guess.
    const tied = local.resolve('uamp');
    expect(tied.found).toBe(false);
    expect(tied.suggestions.map((suggestion) => suggestion.entry.id)).toEqual(expect.arrayContaining(['umap', 'mixed-precision']));
    expect(local.resolve('umpa')).toMatchObject({ found: true, entry: { id: 'umap' } });
  });

  it('comes back not found for nonsense, with no wrong answer', () => {
    for (const query of ['pizza recipe', 'asdfghjkl', 'qwertyuiop', 'zz', '???', 'the weather in paris']) {
      expect(engine.resolve(query).found, query).toBe(false);
    }
  });

  it('offers did-you-mean candidates when it is not sure', () => {
    const result = engine.resolve('top smapling');
    expect(result.found).toBe(false);
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.length).toBeLessThanOrEqual(5);
  });
});

describe('suggest', () => {
  it('puts the exact match first, then names starting with the input', () => {
    const names = engine.autocomplete('gradient').map((choice) => choice.value);
    expect(names[0]).toBe('gradient-descent');
    expect(names).toContain('stochastic-gradient-descent');
  });

  it('ranks a name starting with the input above one that only contains a word starting with it', () => {
    const values = engine.autocomplete('st').map((choice) => choice.value);
    expect(values.indexOf('stochastic-gradient-descent')).toBeLessThan(values.indexOf('learning-rate'));
    expect(values).toContain('learning-rate');
  });

  it('answers empty input with the most linked-to entries, then A–Z, and follows edits', () => {
    const random = seeded(11);
    const made: Entry[] = Array.from({ length: 80 }, (_, i) => ({
      id: `e${i}`,
      term: `Term ${String.fromCharCode(97 + Math.floor(random() * 26))}${i}`,
      aliases: [],
      category: 'c',
      definition: 'd',
      explanation: 'x',
      related: Array.from({ length: Math.floor(random() * 3) }, () => `e${Math.floor(random() * 12)}`),
    }));
    // The expected list from a plain full sort: count distinct linkers, most first, ties A–Z.
    const expected = (list: Entry[]) => {
      const inbound = new Map<string, number>();
      for (const entry of list) for (const target of new Set(entry.related)) inbound.set(target, (inbound.get(target) ?? 0) + 1);
      return [...list]
        .sort((x, y) => (inbound.get(y.id) ?? 0) - (inbound.get(x.id) ?? 0) || x.term.localeCompare(y.term, 'en'))
        .slice(0, DISCORD_LIMITS.autocompleteChoices)
        .map((entry) => entry.id);
    };
    const local = new SearchEngine(made);
    const featured = () => local.suggest('').map((suggestion) => suggestion.entry.id);
    expect(featured()).toEqual(expected(made));
    expect(featured()).toHaveLength(DISCORD_LIMITS.autocompleteChoices);
    // Twenty new entries pointing at the last entry (which nothing linked to) make it the most linked-to.
    const fans = Array.from({ length: 20 }, (_, i) => ({ ...made[0]!, id: `fan${i}`, term: `Fan ${i}`, related: ['e79'] }));
    for (const fan of fans) local.add(fan);
    expect(featured()[0]).toBe('e79');
    expect(featured()).toEqual(expected([...made, ...fans]));
    for (const fan of fans) local.remove(fan.id);
    expect(featured()).toEqual(expected(made));
  });

  it('shows which term an alias belongs to', () => {
    expect(engine.autocomplete('nucleus')[0]).toEqual({ name: 'nucleus sampling → Top-p Sampling', value: 'top-p-sampling' });
  });

  it('finds typos while typing', () => {
    expect(engine.autocomplete('convlutional').map((choice) => choice.value)).toContain('convolutional-neural-network');
  });

  it('returns a default list for empty input', () => {
    const defaults = engine.autocomplete('');
    expect(defaults.length).toBeGreaterThan(0);
    // The most-linked entry leads the default list.
    expect(defaults[0]!.value).toBe('learning-rate');
  });

  it('stays within Discord limits', () => {
    const many: Entry[] = Array.from({ length: 60 }, (_, index) => ({
      id: `term-${index}`,
      term: `Term ${index} ${'x'.repeat(70)}`.slice(0, 80),
      aliases: [`t${index} ${'alias '.repeat(9)}`.slice(0, 60)],
      category: 'basics',
      definition: 'd',
      explanation: 'e',
      related: [],
    }));
    const big = new SearchEngine(many);
    for (const query of ['t', 'term', 'alias', '']) {
      const choices = big.autocomplete(query);
      expect(choices.length).toBeLessThanOrEqual(DISCORD_LIMITS.autocompleteChoices);
      for (const choice of choices) {
        expect([...choice.name].length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceName);
        expect(choice.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceValue);
      }
    }
    expect(big.autocomplete('t')).toHaveLength(25);
  });
});

describe('search', () => {
  it('ranks entries by the words of their definitions and explanations', () => {
    const hits = engine.search('mini-batch');
    expect(hits[0]!.entry.id).toBe('stochastic-gradient-descent');
  });

  it('weights the name above passing mentions', () => {
    const hits = engine.search('learning rate');
    expect(hits[0]!.entry.id).toBe('learning-rate');
    expect(hits.map((hit) => hit.entry.id)).toContain('gradient-descent');
  });

  it('returns nothing for words the glossary does not use', () => {
    expect(engine.search('pizza')).toEqual([]);
  });
});

describe('incremental updates', () => {
  it('adds an entry without a rebuild and finds it by every tier', () => {
    const local = new SearchEngine(entries);
    local.add({ id: 'dropout', term: 'Dropout', aliases: ['drop out regularisation'], category: 'nets', definition: 'Randomly silence units while training.', explanation: 'A cheap regulariser for neural networks.', related: [] });
    expect(local.resolve('dropout')).toMatchObject({ found: true, entry: { id: 'dropout' } });
    expect(local.resolve('dropuot')).toMatchObject({ found: true, entry: { id: 'dropout' } });
    expect(local.autocomplete('drop')[0]!.value).toBe('dropout');
    expect(local.search('silence units')[0]!.entry.id).toBe('dropout');
    expect(local.size).toBe(entries.length + 1);
  });

  it('removes an entry from every index', () => {
    const local = new SearchEngine(entries);
    expect(local.remove('learning-rate')).toBe(true);
    expect(local.resolve('learning rate').found).toBe(false);
    expect(local.resolve('LR').found).toBe(false);
    expect(local.autocomplete('learn').map((choice) => choice.value)).not.toContain('learning-rate');
    expect(local.search('optimisation step').map((hit) => hit.entry.id)).not.toContain('learning-rate');
    expect(local.remove('learning-rate')).toBe(false);
  });

  it('answers the same whether the glossary was built at once or added entry by entry', () => {
    // Building lays postings out in bulk; adding afterwards keeps them apart. Both must agree.
    const bulk = new SearchEngine(entries);
    const oneByOne = new SearchEngine();
    for (const entry of entries) oneByOne.add(entry);
    const queries = ['gradient descent', 'gradeint descnet', 'sgd', 'learn', 'k mean', 'descent gradient', 'bayes', 'pizza recipe', 'optimisation step'];
    const ids = (hits: Array<{ entry: Entry }>) => hits.map((hit) => hit.entry.id);
    for (const query of queries) {
      const [x, y] = [bulk.resolve(query), oneByOne.resolve(query)];
      expect(y.kind === 'entry' ? y.entry.id : y.kind, query).toBe(x.kind === 'entry' ? x.entry.id : x.kind);
      expect(ids(y.suggestions), query).toEqual(ids(x.suggestions));
      expect(oneByOne.autocomplete(query), query).toEqual(bulk.autocomplete(query));
      expect(ids(oneByOne.search(query)), query).toEqual(ids(bulk.search(query)));
    }
  });

  it('still finds every entry after many removals and re-additions', () => {
    const local = new SearchEngine(entries);
    for (let round = 0; round < 50; round++) {
      for (const entry of entries) expect(local.remove(entry.id)).toBe(true);
      for (const entry of entries) local.add(entry);
    }
    const fresh = new SearchEngine(entries);
    for (const entry of entries) {
      expect(local.resolve(entry.term)).toMatchObject({ found: true, entry: { id: entry.id } });
      expect(local.search(entry.term), entry.term).toEqual(fresh.search(entry.term));
    }
  });

  it('replaces an entry that is added again under the same id', () => {
    const local = new SearchEngine(entries);
    const original = local.get('naive-bayes')!;
    local.add({ ...original, term: 'Idiot Bayes', aliases: [] });
    expect(local.resolve('idiot bayes')).toMatchObject({ found: true, entry: { id: 'naive-bayes' } });
    expect(local.resolve('naive bayes').found).toBe(false);
    expect(local.size).toBe(entries.length);
  });
});

describe('typo candidates from corrected words, at scale', () => {
  /** The engine's parts this test reaches into: the word-level shortlist and what it is built from. */
  interface Internals {
    keys: Array<{ normalized: string } | undefined>;
    prefixes: { countWith(word: string): number };
    wordCorrections(word: string, isLast: boolean): Set<string>;
    wordLevelCandidates(form: string): number[];
  }

  /** The shortlist worked out the slow way: every name, counted against every typed word. */
  function everyNameCounted(internals: Internals, form: string): number[] {
    const typed = form.split(' ');
    const counted = typed
      .map((word, index) => internals.wordCorrections(word, index === typed.length - 1))
      .filter((corrections) => {
        const postings = [...corrections].reduce((sum, word) => sum + internals.prefixes.countWith(word), 0);
        return corrections.size > 0 && !(postings > 20_000 && typed.length > 1);
      });
    const needed = Math.max(1, typed.length - 1);
    const scored = internals.keys.flatMap((key, slot) => {
      if (!key) return [];
      const words = new Set(key.normalized.split(' '));
      const count = counted.filter((corrections) => [...corrections].some((word) => words.has(word))).length;
      return count >= needed ? [{ slot, count }] : [];
    });
    return scored.sort((x, y) => y.count - x.count || x.slot - y.slot).slice(0, 32).map(({ slot }) => slot);
  }

  it('lists the same names as counting every name, while reading only the rarest words postings', () => {
    // Names built from a small vocabulary, so that every word is shared by hundreds of names.
    const random = seeded(17);
    const vocabulary = ['neural', 'sparse', 'graph', 'kernel', 'tree', 'forest', 'shot', 'few', 'layer', 'schedule', 'bound', 'field', 'meta', 'robust', 'masked', 'model'];
    const word = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
    const generated: Entry[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `g${i}`,
      term: `${word()} ${word()} ${word()} ${word()} ${i}`,
      aliases: [],
      category: 'c',
      definition: 'Generated.',
      explanation: 'Generated.',
      related: [],
    }));
    const internals = new SearchEngine(generated) as unknown as Internals;
    const queries = [
      ...generated.slice(0, 40).map((entry) => entry.term.replace(/ \d+$/, '')),
      ...generated.slice(40, 80).map((entry) => `${entry.term.replace('e', 'x')} layer kernel`),
      'ridge few shot tree schedule',
      'why does my neural graph keep failing',
    ];
    let multiWord = 0;
    for (const query of queries) {
      const expected = everyNameCounted(internals, query);
      expect(internals.wordLevelCandidates(query), query).toEqual(expected);
      if (expected.length > 0 && query.split(' ').length > 2) multiWord++;
    }
    // The comparison is only worth something if the lists were not all empty.
    expect(multiWord).toBeGreaterThan(40);
  });
});
