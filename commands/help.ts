import { SlashCommandBuilder } from '@discordjs/builders';
import type { CommandModule } from '../src/discord/command.js';
import { EVERYWHERE } from '../src/discord/install.js';
import { renderHelp } from '../src/discord/render/lists.js';
import { reply } from '../src/discord/responses.js';

export const help: CommandModule = {
  name: 'help',
  definition: () =>
    new SlashCommandBuilder()
      .setName('help')
      .setDescription('What this bot does and how to use each command')
      .setIntegrationTypes(...EVERYWHERE.integrationTypes)
      .setContexts(...EVERYWHERE.contexts)
      .toJSON(),

  execute(_interaction, context) {
    return reply(renderHelp(context), { ephemeral: true });
  },
};
