import type { APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { BotContext } from './context.js';
import { renderAnswer } from './render/answer.js';
import { renderHelp, renderNotFound } from './render/lists.js';
import { quote } from './responses.js';

/**
 * "@bot what is batch size?": the reply to a message that mentions the bot, or undefined when the
 * message is not a question for us. Discord delivers the content of such messages without the
 * privileged message-content intent.
 */
export function answerMention(message: APIMessage, botUserId: string, context: BotContext): RESTPostAPIChannelMessageJSONBody | undefined {
  if (message.author.bot || message.author.id === botUserId) return undefined;
  if (!message.mentions.some((user) => user.id === botUserId)) return undefined;
  const question = message.content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ').trim();
  const base = {
    message_reference: { message_id: message.id, fail_if_not_exists: false },
    // Reply without pinging the asker again, and never ping anyone named in the question.
    allowed_mentions: { parse: [], replied_user: false },
  } satisfies RESTPostAPIChannelMessageJSONBody;
  if (question === '') return { ...base, ...renderHelp(context) };
  const result = context.engine.resolve(question);
  if (!result.found) return { ...base, ...renderNotFound(quote(question), result.suggestions.map((suggestion) => suggestion.entry)) };
  return { ...base, ...renderAnswer(result, question, context) };
}
