import { ActionRowBuilder, ButtonBuilder, EmbedBuilder, StringSelectMenuBuilder, StringSelectMenuOptionBuilder } from '@discordjs/builders';
import { ButtonStyle } from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '../../glossary/limits.js';
import type { Entry } from '../../glossary/schema.js';
import { truncate } from '../../text.js';
import type { BotContext } from '../context.js';
import { encodeCustomId } from '../custom-id.js';
import { categoryColor, chunk, type EntryView } from './entry.js';

export const BROWSE_PAGE_SIZE = 20;
const BRAND_COLOR = 0x5865f2;

function openButtons(entries: readonly Entry[], maxRows: number): ActionRowBuilder<ButtonBuilder>[] {
  const buttons = entries.slice(0, maxRows * DISCORD_LIMITS.buttonsPerRow).map((entry) =>
    new ButtonBuilder().setStyle(ButtonStyle.Secondary).setLabel(entry.term).setCustomId(encodeCustomId({ kind: 'open', id: entry.id, trail: [] })),
  );
  return chunk(buttons, DISCORD_LIMITS.buttonsPerRow).map((group) => new ActionRowBuilder<ButtonBuilder>().addComponents(group));
}

function pickMenu(entries: readonly Entry[], placeholder: string): ActionRowBuilder<StringSelectMenuBuilder> {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(encodeCustomId({ kind: 'pick' }))
    .setPlaceholder(placeholder)
    .addOptions(
      entries.slice(0, DISCORD_LIMITS.selectOptions).map((entry) =>
        new StringSelectMenuOptionBuilder()
          .setLabel(truncate(entry.term, DISCORD_LIMITS.selectOptionLabel))
          .setValue(entry.id)
          .setDescription(truncate(entry.definition, DISCORD_LIMITS.selectOptionDescription)),
      ),
    );
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu);
}

/** "No term matches …": did-you-mean buttons for the best candidates, never a guessed answer. */
export function renderNotFound(quotedQuery: string, candidates: readonly Entry[]): EntryView {
  const lines = [`No term matches ${quotedQuery}.`];
  lines.push(candidates.length > 0 ? 'Did you mean one of these?' : 'Try `/search` to look inside definitions, or `/browse` to explore by category.');
  const embed = new EmbedBuilder().setColor(BRAND_COLOR).setDescription(lines.join('\n'));
  return { embeds: [embed.toJSON()], components: openButtons(candidates, 1).map((row) => row.toJSON()) };
}

export function renderSearchResults(quotedQuery: string, hits: readonly Entry[]): EntryView {
  const lines = hits.map((entry, index) => `**${index + 1}. ${entry.term}**: ${truncate(entry.definition, 160)}`);
  const embed = new EmbedBuilder()
    .setColor(BRAND_COLOR)
    .setTitle(truncate(`Search: ${quotedQuery}`, DISCORD_LIMITS.embedTitle))
    .setDescription(lines.join('\n'))
    .setFooter({ text: `${hits.length} match${hits.length === 1 ? '' : 'es'}, best first. Pick one to read it.` });
  return { embeds: [embed.toJSON()], components: [pickMenu(hits, 'Open a term…').toJSON()] };
}

export function renderCategoryOverview(context: BotContext): EntryView {
  const sizes = categorySizes(context);
  const categories = [...context.glossary.categories.values()];
  const embed = new EmbedBuilder()
    .setColor(BRAND_COLOR)
    .setTitle('Browse the glossary')
    .setDescription(
      categories.map((category) => `**${category.name}** (${sizes.get(category.id) ?? 0} terms)\n${category.description}`).join('\n\n'),
    )
    .setFooter({ text: `${context.glossary.entries.size} terms in ${categories.length} categories` });
  const buttons = categories.map((category) =>
    new ButtonBuilder()
      .setStyle(ButtonStyle.Secondary)
      .setLabel(truncate(category.name, DISCORD_LIMITS.buttonLabel))
      .setCustomId(encodeCustomId({ kind: 'page', category: category.id, page: 0 })),
  );
  const rows = chunk(buttons, DISCORD_LIMITS.buttonsPerRow)
    .slice(0, DISCORD_LIMITS.actionRows)
    .map((group) => new ActionRowBuilder<ButtonBuilder>().addComponents(group).toJSON());
  return { embeds: [embed.toJSON()], components: rows };
}

export function categorySizes(context: BotContext): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const entry of context.glossary.entries.values()) sizes.set(entry.category, (sizes.get(entry.category) ?? 0) + 1);
  return sizes;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / BROWSE_PAGE_SIZE));
}

/** One page of a category, A–Z, with previous/next and a menu to open a term. `page` is clamped. */
export function renderCategoryPage(context: BotContext, categoryId: string, requestedPage: number): EntryView | undefined {
  const category = context.glossary.categories.get(categoryId);
  if (!category) return undefined;
  const entries = [...context.glossary.entries.values()].filter((entry) => entry.category === categoryId);
  const pages = pageCount(entries.length);
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const shown = entries.slice(page * BROWSE_PAGE_SIZE, (page + 1) * BROWSE_PAGE_SIZE);
  const embed = new EmbedBuilder()
    .setColor(categoryColor(category.color))
    .setTitle(category.name)
    .setDescription(
      shown.length > 0 ? shown.map((entry) => `**${entry.term}**: ${truncate(entry.definition, 110)}`).join('\n') : 'No terms in this category yet.',
    )
    .setFooter({ text: `Page ${page + 1} of ${pages} · ${entries.length} terms, A–Z` });
  const navigation = new ActionRowBuilder<ButtonBuilder>();
  // With one page there is nowhere to go, and two disabled buttons would share a custom_id.
  if (pages > 1) {
    navigation.addComponents(
      new ButtonBuilder()
        .setStyle(ButtonStyle.Secondary)
        .setLabel('◀ Previous')
        .setCustomId(encodeCustomId({ kind: 'page', category: category.id, page: Math.max(0, page - 1) }))
        .setDisabled(page === 0),
      new ButtonBuilder()
        .setStyle(ButtonStyle.Secondary)
        .setLabel('Next ▶')
        .setCustomId(encodeCustomId({ kind: 'page', category: category.id, page: Math.min(pages - 1, page + 1) }))
        .setDisabled(page >= pages - 1),
    );
  }
  navigation.addComponents(new ButtonBuilder().setStyle(ButtonStyle.Primary).setLabel('All categories').setCustomId(encodeCustomId({ kind: 'overview' })));
  const components: EntryView['components'] = [];
  if (shown.length > 0) components.push(pickMenu(shown, 'Open a term from this page…').toJSON());
  components.push(navigation.toJSON());
  return { embeds: [embed.toJSON()], components };
}

export function renderMentionedTerms(entries: readonly Entry[]): EntryView {
  const embed = new EmbedBuilder()
    .setColor(BRAND_COLOR)
    .setTitle('Glossary terms in this message')
    .setDescription(entries.map((entry) => `**${entry.term}**: ${truncate(entry.definition, 180)}`).join('\n'));
  return { embeds: [embed.toJSON()], components: openButtons(entries, 4).map((row) => row.toJSON()) };
}

export function renderHelp(context: BotContext): EntryView {
  const example = context.glossary.entries.get('batch-size')?.term ?? context.glossary.entries.values().next().value?.term ?? 'a term';
  const embed = new EmbedBuilder()
    .setColor(BRAND_COLOR)
    .setTitle('Glossary bot: how to use it')
    .setDescription(
      `I answer "what is X?" from a curated glossary of ${context.glossary.entries.size} AI and machine-learning terms. ` +
        'Typos and questions are fine: I suggest terms as you type and tell you when I am not sure.',
    )
    .addFields(
      { name: '/define term', value: `Look a term up (try \`/define ${example}\`), or ask as you would a tutor: "is dropout only used in training?". Ask for a difference ("bagging vs boosting") to see both side by side. Options: \`hide\` shows the answer only to you; \`mention\` points it at someone. Buttons under the answer open related terms; on your own answer they update it in place with a Back button.` },
      { name: '/search text', value: 'Find terms whose definitions mention some words, e.g. `/search penalty on large weights`.' },
      { name: '/browse [category]', value: 'See the categories, or page through one category A–Z.' },
      { name: '/random [category]', value: 'A random term to study.' },
      { name: 'Explain terms (message menu)', value: 'Right-click or long-press a message → Apps → Explain terms: lists the glossary terms it uses.' },
      { name: 'Ask by mention', value: 'Mention me with a question, e.g. "@Glossary what is batch size?" or "@Glossary precision vs recall?", and I reply with the answer.' },
    );
  return { embeds: [embed.toJSON()], components: [] };
}
