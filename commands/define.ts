import { type APIChatInputApplicationCommandInteraction, type APIInteractionResponse, InteractionType } from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '../src/glossary/limits.js';
import type { Entry } from '../src/glossary/schema.js';
import type { CommandModule } from '../src/discord/command.js';
import type { BotContext } from '../src/discord/context.js';
import { slashCommand } from '../src/discord/install.js';
import { booleanOption, stringOption, userOption } from '../src/discord/interaction.js';
import { renderAnswer } from '../src/discord/render/answer.js';
import { renderComparison } from '../src/discord/render/comparison.js';
import { type EntryView, renderEntry } from '../src/discord/render/entry.js';
import { parseComparisonValue } from '../src/glossary/search/engine.js';
import { renderNotFound } from '../src/discord/render/lists.js';
import { choices, notice, quote, reply } from '../src/discord/responses.js';

/**
 * Picked from autocomplete, the value is an entry id or two ids around " vs " (a comparison);
 * typed free text goes through the engine.
 */
function lookUp(text: string, context: BotContext): { view: EntryView } | { candidates: Entry[] } {
  const byId = context.glossary.entries.get(text);
  if (byId) return { view: renderEntry(byId, context) };
  const pair = parseComparisonValue(text)?.map((id) => context.glossary.entries.get(id));
  // Autocomplete never offers a term against itself; typed as "dropout vs dropout", the text goes to
  // the engine like any other (a comparison of one entry would carry two buttons with one custom_id).
  if (pair?.[0] && pair[1] && pair[0] !== pair[1]) return { view: renderComparison(pair[0], pair[1], context) };
  const result = context.engine.resolve(text);
  if (!result.found) return { candidates: result.suggestions.map((suggestion) => suggestion.entry) };
  return { view: renderAnswer(result, text, context) };
}

export const define: CommandModule = {
  name: 'define',
  definition: () =>
    slashCommand('define', 'Look up an AI or machine-learning term')
      .addStringOption((option) =>
        option.setName('term').setDescription('The term, an abbreviation, or a question like "what is an LLM"').setRequired(true).setAutocomplete(true).setMaxLength(DISCORD_LIMITS.choiceValue),
      )
      .addBooleanOption((option) => option.setName('hide').setDescription('Show the answer only to you'))
      .addUserOption((option) => option.setName('mention').setDescription('Point the answer at someone (pings only them)'))
      .toJSON(),

  execute(interaction, context): APIInteractionResponse {
    const { options } = (interaction as APIChatInputApplicationCommandInteraction).data;
    const text = stringOption(options, 'term')?.trim() ?? '';
    if (text === '') return notice('Tell me which term to define, e.g. `/define term: gradient descent`.');
    const found = lookUp(text, context);
    if ('candidates' in found) return reply(renderNotFound(quote(text), found.candidates), { ephemeral: true });
    const hide = booleanOption(options, 'hide') ?? false;
    const mention = hide ? undefined : userOption(options, 'mention');
    const { view } = found;
    if (mention) {
      return reply({ ...view, content: `<@${mention}>, this one is for you:` }, { allowedMentions: { parse: [], users: [mention] } });
    }
    return reply(view, { ephemeral: hide });
  },

  autocomplete(interaction, context): APIInteractionResponse {
    if (interaction.type !== InteractionType.ApplicationCommandAutocomplete) return choices([]);
    const focused = interaction.data.options.find((option) => 'focused' in option && option.focused);
    const typed = focused && 'value' in focused && typeof focused.value === 'string' ? focused.value : '';
    return choices(context.engine.autocomplete(typed));
  },
};
