import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import type { CommandModule } from '../src/discord/command.js';
import { slashCommand } from '../src/discord/install.js';
import { stringOption } from '../src/discord/interaction.js';
import { renderSearchResults } from '../src/discord/render/lists.js';
import { notice, quote, reply } from '../src/discord/responses.js';

const RESULTS = 10;

export const search: CommandModule = {
  name: 'search',
  definition: () =>
    slashCommand('search', 'Find terms whose definitions and explanations mention some words')
      .addStringOption((option) => option.setName('text').setDescription('Words to look for, e.g. "penalty on large weights"').setRequired(true).setMaxLength(200))
      .toJSON(),

  execute(interaction, context) {
    const text = stringOption((interaction as APIChatInputApplicationCommandInteraction).data.options, 'text')?.trim() ?? '';
    if (text === '') return notice('Give me some words to search for, e.g. `/search text: penalty on large weights`.');
    const hits = context.engine.search(text, RESULTS).map((hit) => hit.entry);
    if (hits.length === 0) {
      return notice(`Nothing in the glossary mentions ${quote(text)}. Try other words, \`/define\` for a term's name, or \`/browse\`.`);
    }
    return reply(renderSearchResults(quote(text, 60), hits));
  },
};
