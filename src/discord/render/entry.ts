import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from '@discordjs/builders';
import { type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, ButtonStyle } from 'discord-api-types/v10';
import { entryCard } from '../../glossary/entry-card.js';
import { DISCORD_LIMITS } from '../../glossary/limits.js';
import type { Category, Entry } from '../../glossary/schema.js';
import type { ComparisonAnswer, EntryAnswer } from '../../glossary/search/types.js';
import type { BotContext } from '../context.js';
import { encodeCustomId } from '../custom-id.js';
import { RecentlyUsed } from '../../recently-used.js';
import { truncate } from '../../text.js';

export interface EntryView {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export function categoryColor(hex: string | undefined): number {
  return hex ? Number.parseInt(hex.slice(1), 16) : 0x5865f2;
}

/**
 * An entry as an answer: the embed (term, definition and explanation, category colour, aliases,
 * example, sources) and a button per related term, plus "Back" when the reader navigated here.
 */
export function renderEntry(entry: Entry, context: BotContext, options: { trail?: string[]; note?: string } = {}): EntryView {
  const category = context.glossary.categories.get(entry.category);
  const embed = entryEmbed(entry, category);
  const trail = options.trail ?? [];
  // A note goes in only where it fits: a glossary may fill an answer up to Discord's total.
  const withNote = options.note !== undefined && embedLength(embed) + options.note.length <= DISCORD_LIMITS.embedTotal;
  return {
    embeds: [withNote ? { ...embed, footer: { text: options.note! } } : embed],
    components: trail.length === 0 ? firstViewRows(entry, context) : relatedRows(entry, context, trail),
  };
}

/*
 * An entry's embed, and its buttons when nobody has navigated yet, are the same for every answer,
 * so each is built (and checked by @discordjs/builders) once instead of on every /define, for the
 * few thousand entries asked for most recently (bounded: a large glossary is not copied into
 * memory a second time). Entries are immutable once loaded; a replaced entry is a new object and
 * misses. The cached objects are shared between replies, so nothing downstream may mutate them.
 */
const REMEMBERED_VIEWS = 2000;
const embeds = new RecentlyUsed<Entry, { category: Category | undefined; embed: APIEmbed }>(REMEMBERED_VIEWS);
const firstViews = new RecentlyUsed<Entry, { glossary: BotContext['glossary']; rows: EntryView['components'] }>(REMEMBERED_VIEWS);

function entryEmbed(entry: Entry, category: Category | undefined): APIEmbed {
  const cached = embeds.get(entry);
  if (cached && cached.category === category) return cached.embed;
  const card = entryCard(entry, category);
  const embed = new EmbedBuilder().setTitle(card.title).setDescription(card.description).setColor(categoryColor(category?.color)).addFields(card.fields).toJSON();
  embeds.set(entry, { category, embed });
  return embed;
}

function firstViewRows(entry: Entry, context: BotContext): EntryView['components'] {
  const cached = firstViews.get(entry);
  if (cached && cached.glossary === context.glossary) return cached.rows;
  const rows = relatedRows(entry, context, []);
  firstViews.set(entry, { glossary: context.glossary, rows });
  return rows;
}

/** Entries rendered per turn of the event loop while preparing, so answers are never held up. */
const PREPARE_BATCH = 25;

/**
 * Renders every entry's first view ahead of the first question, in small batches between other
 * work, when the whole glossary fits in the memory of rendered entries (a larger one is left to
 * fill with what people actually ask). Otherwise the first /define of each term would pay for
 * @discordjs/builders' checks on the answer path. Resolves with how many were prepared.
 */
export async function prepareEntryViews(context: BotContext): Promise<number> {
  const entries = [...context.glossary.entries.values()];
  if (entries.length > REMEMBERED_VIEWS) return 0;
  for (let start = 0; start < entries.length; start += PREPARE_BATCH) {
    await new Promise((resolve) => setImmediate(resolve));
    for (const entry of entries.slice(start, start + PREPARE_BATCH)) renderEntry(entry, context);
  }
  return entries.length;
}

function relatedRows(entry: Entry, context: BotContext, trail: readonly string[]): EntryView['components'] {
  const related = entry.related
    .map((id) => context.glossary.entries.get(id))
    .filter((target): target is Entry => target !== undefined)
    .slice(0, DISCORD_LIMITS.buttonsPerRow * 2);
  const buttons = related.map((target) =>
    new ButtonBuilder()
      .setStyle(ButtonStyle.Secondary)
      .setLabel(target.term)
      .setCustomId(encodeCustomId({ kind: 'open', id: target.id, trail: [entry.id, ...trail] })),
  );
  const rows = chunk(buttons, DISCORD_LIMITS.buttonsPerRow).map((group) => new ActionRowBuilder<ButtonBuilder>().addComponents(group));
  const back = trail[0] === undefined ? undefined : context.glossary.entries.get(trail[0]);
  if (back) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setStyle(ButtonStyle.Primary)
          .setEmoji({ name: '⬅️' })
          .setLabel(`Back to ${back.term}`.slice(0, DISCORD_LIMITS.buttonLabel))
          .setCustomId(encodeCustomId({ kind: 'back', id: back.id, trail: trail.slice(1) })),
      ),
    );
  }
  return rows.map((row) => row.toJSON());
}

/**
 * The footer under an answer that was not an exact name: what the bot understood. Footers render
 * neither Markdown nor mentions, so the typed text is shown as is, only shortened.
 */
export function understoodNote(answer: EntryAnswer | ComparisonAnswer, typed: string): string | undefined {
  const asked = `“${truncate(typed.replace(/\s+/g, ' ').trim(), 80)}”`;
  if (answer.kind === 'comparison') return `Comparing “${answer.entries[0].entry.term}” and “${answer.entries[1].entry.term}” for ${asked}.`;
  switch (answer.matchedBy) {
    case 'exact':
    case 'alias':
      return undefined;
    case 'spotted':
      return `Showing “${answer.entry.term}”, the term found in ${asked}.`;
    case 'fuzzy':
    case 'word-form':
      return `Showing “${answer.entry.term}” for ${asked}.`;
  }
}

/** The characters of an embed that count towards Discord's total of 6,000. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
