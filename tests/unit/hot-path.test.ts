/**
 * What the answer path skips or reuses to stay fast must not change what it answers: a found
 * term's did-you-mean list is worked out only when read, and rendered entries are built once and
 * shared without one answer's footer or trail leaking into another.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BotContext } from '../../src/discord/context.js';
import { EmbedBuilder } from '@discordjs/builders';
import { prepareEntryViews, renderEntry } from '../../src/discord/render/entry.js';
import { decodeCustomId } from '../../src/discord/custom-id.js';
import { openGlossary } from '../../src/glossary/open.js';
import { SearchEngine } from '../../src/glossary/search/engine.js';
import { SHIPPED_GLOSSARY_DIR } from '../../src/paths.js';

let context: BotContext;
beforeAll(async () => {
  const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
  if (!opened.ok) throw new Error('invalid glossary');
  context = { glossary: opened.value.glossary, engine: opened.value.engine, random: () => 0.5 };
});

describe('resolve on a found name', () => {
  it('ranks did-you-mean candidates only when they are read, and only once', () => {
    const ranking = vi.spyOn(SearchEngine.prototype as unknown as { suggestionsExcluding: () => unknown }, 'suggestionsExcluding');
    try {
      const result = context.engine.resolve('top-k sampling');
      expect(result).toMatchObject({ found: true, matchedBy: 'exact' });
      expect(ranking).not.toHaveBeenCalled();
      const first = result.suggestions;
      expect(result.suggestions).toBe(first);
      expect(ranking).toHaveBeenCalledTimes(1);
      // The list itself is still the honest one: close names, never the answer itself.
      expect(first.map((suggestion) => suggestion.entry.id)).toContain('top-p-sampling');
      expect(first.map((suggestion) => suggestion.entry.id)).not.toContain('top-k-sampling');
    } finally {
      ranking.mockRestore();
    }
  });

  it('puts the lazily ranked list into JSON like any other field', () => {
    const result = context.engine.resolve('top-k sampling');
    const json = JSON.parse(JSON.stringify(result)) as { suggestions: Array<{ entry: { id: string } }> };
    expect(json.suggestions.map((suggestion) => suggestion.entry.id)).toContain('top-p-sampling');
  });
});

describe('rendered entries, built once and shared', () => {
  const dropout = () => context.glossary.entries.get('dropout')!;

  it('gives an answer with a footer without leaving that footer on the next answer', () => {
    const noted = renderEntry(dropout(), context, { note: 'Showing “Dropout” for “dropuot”.' });
    expect(noted.embeds[0]!.footer).toEqual({ text: 'Showing “Dropout” for “dropuot”.' });
    expect(renderEntry(dropout(), context).embeds[0]!.footer).toBeUndefined();
    expect(renderEntry(dropout(), context, { note: 'another' }).embeds[0]!.footer).toEqual({ text: 'another' });
  });

  it('keeps buttons with a trail apart from the first view', () => {
    const first = renderEntry(dropout(), context);
    const navigated = renderEntry(dropout(), context, { trail: ['overfitting'] });
    const again = renderEntry(dropout(), context);
    const trails = (view: typeof first) =>
      view.components.flatMap((row) => row.components).map((button) => ('custom_id' in button ? decodeCustomId(button.custom_id) : undefined));
    expect(trails(again)).toEqual(trails(first));
    for (const decoded of trails(first)) expect(decoded).toMatchObject({ ok: true, action: { kind: 'open', trail: ['dropout'] } });
    expect(trails(navigated)).toContainEqual({ ok: true, action: { kind: 'back', id: 'overfitting', trail: [] } });
    expect(trails(first).some((decoded) => decoded?.ok && decoded.action.kind === 'back')).toBe(false);
  });

  it('shows the category of the glossary it is asked for, not of an earlier one', () => {
    const entry = dropout();
    const category = context.glossary.categories.get(entry.category)!;
    const renamed: BotContext = {
      ...context,
      glossary: { ...context.glossary, categories: new Map([[category.id, { ...category, name: 'Renamed Category', color: '#123456' }]]) },
    };
    expect(renderEntry(entry, context).embeds[0]!.fields![0]!.value).toBe(category.name);
    const view = renderEntry(entry, renamed);
    expect(view.embeds[0]!.fields![0]!.value).toBe('Renamed Category');
    expect(view.embeds[0]!.color).toBe(0x123456);
  });
});

describe('remembered fuzzy rankings', () => {
  it('are forgotten when an entry is removed or added, so no answer outlives its entry', () => {
    const engine = new SearchEngine(context.glossary.entries.values());
    const typo = 'gradient descnet';
    const before = engine.resolve(typo);
    expect(before).toMatchObject({ found: true, entry: { id: 'gradient-descent' } });
    expect(engine.resolve(typo)).toMatchObject({ found: true, entry: { id: 'gradient-descent' } });
    const entry = engine.get('gradient-descent')!;
    engine.remove('gradient-descent');
    const after = engine.resolve(typo);
    expect(after.kind === 'entry' && after.entry.id).not.toBe('gradient-descent');
    expect(after.suggestions.map((suggestion) => suggestion.entry.id)).not.toContain('gradient-descent');
    expect(engine.autocomplete('gradient descn').map((choice) => choice.value)).not.toContain('gradient-descent');
    engine.add(entry);
    expect(engine.resolve(typo)).toMatchObject({ found: true, entry: { id: 'gradient-descent' } });
  });
});

describe('answers rendered ahead', () => {
  it('renders every entry of a glossary that fits, so no answer pays for the builders later', async () => {
    expect(await prepareEntryViews(context)).toBe(context.glossary.entries.size);
    const built = vi.spyOn(EmbedBuilder.prototype, 'toJSON');
    try {
      for (const entry of context.glossary.entries.values()) renderEntry(entry, context);
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it('leaves a glossary larger than its memory to fill with what is asked', async () => {
    const [first] = context.glossary.entries.values();
    const many = new Map(Array.from({ length: 2001 }, (_, index) => [`entry-${index}`, { ...first!, id: `entry-${index}` }]));
    expect(await prepareEntryViews({ ...context, glossary: { ...context.glossary, entries: many } })).toBe(0);
  });
});
