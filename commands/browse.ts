import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '../src/glossary/limits.js';
import type { CommandModule } from '../src/discord/command.js';
import type { BotContext } from '../src/discord/context.js';
import { slashCommand } from '../src/discord/install.js';
import { stringOption } from '../src/discord/interaction.js';
import { renderCategoryOverview, renderCategoryPage } from '../src/discord/render/lists.js';
import { notice, reply } from '../src/discord/responses.js';

/** The category option, offered as fixed choices from the loaded glossary (Discord allows 25). */
export function categoryChoices(context: BotContext): Array<{ name: string; value: string }> {
  return [...context.glossary.categories.values()]
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((category) => ({ name: category.name.slice(0, DISCORD_LIMITS.choiceName), value: category.id }));
}

export const browse: CommandModule = {
  name: 'browse',
  definition: (context) =>
    slashCommand('browse', 'Explore the glossary by category')
      .addStringOption((option) =>
        option.setName('category').setDescription('Page through one category A–Z').addChoices(...categoryChoices(context)),
      )
      .toJSON(),

  execute(interaction, context) {
    const categoryId = stringOption((interaction as APIChatInputApplicationCommandInteraction).data.options, 'category');
    if (categoryId === undefined) return reply(renderCategoryOverview(context));
    const page = renderCategoryPage(context, categoryId, 0);
    return page ? reply(page) : notice('That category does not exist (any more). Run `/browse` to see the current ones.');
  },
};
