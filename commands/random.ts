import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import type { CommandModule } from '../src/discord/command.js';
import { slashCommand } from '../src/discord/install.js';
import { stringOption } from '../src/discord/interaction.js';
import { renderEntry } from '../src/discord/render/entry.js';
import { notice, reply } from '../src/discord/responses.js';
import { categoryChoices } from './browse.js';

export const random: CommandModule = {
  name: 'random',
  definition: (context) =>
    slashCommand('random', 'A random term to study')
      .addStringOption((option) => option.setName('category').setDescription('Only from this category').addChoices(...categoryChoices(context)))
      .toJSON(),

  execute(interaction, context) {
    const categoryId = stringOption((interaction as APIChatInputApplicationCommandInteraction).data.options, 'category');
    if (categoryId !== undefined && !context.glossary.categories.has(categoryId)) {
      return notice('That category does not exist (any more). Run `/browse` to see the current ones.');
    }
    const pool = [...context.glossary.entries.values()].filter((entry) => categoryId === undefined || entry.category === categoryId);
    const entry = pool[Math.floor(context.random() * pool.length)];
    if (!entry) return notice('There are no terms to pick from in that category yet.');
    return reply(renderEntry(entry, context));
  },
};
