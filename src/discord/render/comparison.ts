import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from '@discordjs/builders';
import { ButtonStyle } from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '../../glossary/limits.js';
import type { Entry } from '../../glossary/schema.js';
import { truncate } from '../../text.js';
import type { BotContext } from '../context.js';
import { encodeCustomId } from '../custom-id.js';
import { categoryColor, type EntryView } from './entry.js';

/**
 * "Bagging vs Boosting": both entries side by side, each with its category and short definition,
 * the first named first, and a button per entry that opens it in full. The buttons open privately
 * (see the `peek` action), so the comparison stays in the channel for everyone who reads along.
 */
export function renderComparison(first: Entry, second: Entry, context: BotContext, options: { note?: string } = {}): EntryView {
  const category = (entry: Entry) => context.glossary.categories.get(entry.category)?.name ?? entry.category;
  const embed = new EmbedBuilder()
    .setTitle(truncate(`${first.term} vs ${second.term}`, DISCORD_LIMITS.embedTitle))
    .setColor(categoryColor(context.glossary.categories.get(first.category)?.color))
    .addFields(
      [first, second].map((entry) => ({
        name: truncate(`${entry.term} · ${category(entry)}`, DISCORD_LIMITS.embedFieldName),
        value: truncate(entry.definition, DISCORD_LIMITS.embedFieldValue),
      })),
    );
  if (options.note) embed.setFooter({ text: options.note });
  const buttons = [first, second].map((entry) =>
    new ButtonBuilder()
      .setStyle(ButtonStyle.Secondary)
      .setLabel(truncate(`Open ${entry.term}`, DISCORD_LIMITS.buttonLabel))
      .setCustomId(encodeCustomId({ kind: 'peek', id: entry.id })),
  );
  return { embeds: [embed.toJSON()], components: [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON()] };
}
