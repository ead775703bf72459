import {
  type APIInteraction,
  type APIInteractionResponse,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';
import { COMMANDS } from '../../commands/index.js';
import type { CommandModule } from './command.js';
import { handleComponent } from './components.js';
import type { BotContext } from './context.js';
import { notice } from './responses.js';

export const APOLOGY = 'Sorry, something went wrong on my side while answering that. It has been logged; please try again.';

export interface Routed {
  response: APIInteractionResponse;
  /** What to log about it: which command or component, and how it went. */
  name: string;
  outcome: 'ok' | 'user-error' | 'unknown' | 'failed';
}

const byName = new Map<string, CommandModule>(COMMANDS.map((command) => [command.name, command]));

/**
 * One interaction in, one response out, never a throw: a bug in a handler becomes a logged
 * failure answered with an apology, so one bad click cannot take the bot down.
 */
export function route(interaction: APIInteraction, context: BotContext, onError: (error: unknown, name: string) => void): Routed {
  let name = 'unknown';
  try {
    switch (interaction.type) {
      case InteractionType.Ping:
        return { response: { type: InteractionResponseType.Pong }, name: 'ping', outcome: 'ok' };
      case InteractionType.ApplicationCommandAutocomplete: {
        name = `${interaction.data.name}:autocomplete`;
        const command = byName.get(interaction.data.name);
        if (!command?.autocomplete) return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }, name, outcome: 'unknown' };
        return withOutcome(command.autocomplete(interaction, context), name);
      }
      case InteractionType.ApplicationCommand: {
        name = interaction.data.name;
        const command = byName.get(name);
        if (!command || (interaction.data.type !== ApplicationCommandType.ChatInput && interaction.data.type !== ApplicationCommandType.Message)) {
          return { response: notice('I do not know that command (it may have been removed). Try `/help`.'), name, outcome: 'unknown' };
        }
        return withOutcome(command.execute(interaction as Parameters<CommandModule['execute']>[0], context), name);
      }
      case InteractionType.MessageComponent:
        name = `component:${interaction.data.custom_id.split(':').slice(0, 2).join(':')}`.slice(0, 40);
        return withOutcome(handleComponent(interaction, context), name);
      default:
        return { response: notice('I cannot handle that kind of interaction.'), name: `type:${String((interaction as { type: unknown }).type)}`, outcome: 'unknown' };
    }
  } catch (error) {
    onError(error, name);
    return { response: notice(APOLOGY), name, outcome: 'failed' };
  }
}

/** Ephemeral notices are how handlers tell a user they asked for something that cannot be done. */
function withOutcome(response: APIInteractionResponse, name: string): Routed {
  const ephemeralText = response.type === InteractionResponseType.ChannelMessageWithSource && response.data?.flags !== undefined && !response.data.embeds?.length;
  return { response, name, outcome: ephemeralText ? 'user-error' : 'ok' };
}
