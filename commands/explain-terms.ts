import { ContextMenuCommandBuilder } from '@discordjs/builders';
import { ApplicationCommandType, type APIMessageApplicationCommandInteraction } from 'discord-api-types/v10';
import type { CommandModule } from '../src/discord/command.js';
import { EVERYWHERE } from '../src/discord/install.js';
import { renderMentionedTerms } from '../src/discord/render/lists.js';
import { notice, reply } from '../src/discord/responses.js';

const MAX_TERMS = 20;

export const explainTerms: CommandModule = {
  name: 'Explain terms',
  definition: () =>
    new ContextMenuCommandBuilder()
      .setName('Explain terms')
      .setType(ApplicationCommandType.Message)
      .setIntegrationTypes(...EVERYWHERE.integrationTypes)
      .setContexts(...EVERYWHERE.contexts)
      .toJSON(),

  execute(interaction, context) {
    const { data } = interaction as APIMessageApplicationCommandInteraction;
    const message = data.resolved?.messages?.[data.target_id];
    const text = message?.content ?? '';
    if (text.trim() === '') return notice('That message has no text I can read.');
    const found = context.engine.findMentioned(text, MAX_TERMS).map((suggestion) => suggestion.entry);
    if (found.length === 0) return notice('I did not find any glossary terms in that message.');
    return reply(renderMentionedTerms(found), { ephemeral: true });
  },
};
