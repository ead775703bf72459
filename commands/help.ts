import type { CommandModule } from '../src/discord/command.js';
import { slashCommand } from '../src/discord/install.js';
import { renderHelp } from '../src/discord/render/lists.js';
import { reply } from '../src/discord/responses.js';

export const help: CommandModule = {
  name: 'help',
  definition: () =>
    slashCommand('help', 'What this bot does and how to use each command')
      .toJSON(),

  execute(_interaction, context) {
    return reply(renderHelp(context), { ephemeral: true });
  },
};
