import {
  type APIAllowedMentions,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIApplicationCommandOptionChoice,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { truncate } from '../text.js';

/** Mentions in our text never ping anyone unless a handler names the one user it may ping. */
export const NO_PINGS: APIAllowedMentions = { parse: [] };

export type MessageBody = Omit<APIInteractionResponseCallbackData, 'allowed_mentions' | 'flags'>;

export function reply(body: MessageBody, options: { ephemeral?: boolean; allowedMentions?: APIAllowedMentions } = {}): APIInteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: {
      ...body,
      allowed_mentions: options.allowedMentions ?? NO_PINGS,
      ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    },
  };
}

/** Replaces the message the clicked component belongs to. */
export function update(body: MessageBody): APIInteractionResponse {
  return { type: InteractionResponseType.UpdateMessage, data: { ...body, allowed_mentions: NO_PINGS } };
}

/** A short private note for the person who clicked or typed, for anything they can fix. */
export function notice(text: string): APIInteractionResponse {
  return reply({ content: text }, { ephemeral: true });
}

export function choices(list: APIApplicationCommandOptionChoice<string>[]): APIInteractionResponse {
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: list } };
}

/** Quotes user text safely inside our messages: no markdown tricks, no runaway length. */
export function quote(text: string, max = 80): string {
  const short = truncate(text.replace(/\s+/g, ' ').trim(), max);
  return `“${short.replace(/([\\`*_~|>#\[\]()<@])/g, '\\$1')}”`;
}
