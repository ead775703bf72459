import type {
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
  APIMessageApplicationCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { BotContext } from './context.js';

/**
 * One slash command or context menu: its registration payload and its handlers. Handlers are
 * pure: an interaction payload and the glossary in, an interaction response out.
 */
export interface CommandModule {
  name: string;
  definition(context: BotContext): RESTPostAPIApplicationCommandsJSONBody;
  execute(
    interaction: APIChatInputApplicationCommandInteraction | APIMessageApplicationCommandInteraction,
    context: BotContext,
  ): APIInteractionResponse;
  autocomplete?(interaction: APIApplicationCommandAutocompleteInteraction, context: BotContext): APIInteractionResponse;
}
