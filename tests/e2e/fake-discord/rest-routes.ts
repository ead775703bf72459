/**
 * The Discord REST behaviour the fake implements: what each route answers and what it changes.
 * Routes use the OpenAPI spec's path templates so recorded requests name routes the same way the spec does.
 */
import type { APIApplicationCommand, APIMessage } from 'discord.js';
import { RouteTable } from './route-table.js';
import { snowflake } from './snowflake.js';
import { MessageFlagBits, type FakeState, type InteractionRecord, type UploadedFile } from './state.js';
import { restApplication, restGuild, type FakeWorld } from './world.js';

type Obj = Record<string, unknown>;

export interface RestCall {
  method: string;
  /** Path below `/api/v10`. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  receivedAt: number;
  /** Records a problem on this request (the request is still answered). */
  problem(text: string): void;
}

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteHandler {
  /** `bot`: needs `Authorization: Bot <token>`; `none`: interaction/webhook-token routes, which discord.js calls without auth. */
  auth: 'bot' | 'none';
  handle(call: RestCall): RestReply;
}

export type MessageEvent = 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE';

export interface RouteContext {
  world: FakeWorld;
  state: FakeState;
  gatewayUrl(): string;
  /** Session starts left today, as reported by `GET /gateway/bot`. */
  sessionStartRemaining(): number;
  /** How long after dispatch an interaction may still be answered (Discord: 3 s). */
  interactionDeadlineMs: number;
  /**
   * Milliseconds the fake itself spent on earlier callback attempts for this interaction that were answered
   * before `before` (from each one's arrival to its answer being written: validation, scripted failures, holds).
   * The bot cannot retry before it has the answer, so that time is the fake's, not the bot's.
   */
  fakeTimeOnEarlierCallbacks(interactionId: string, before: number): number;
  /** Called for messages the bot created/edited/deleted so the gateway can echo them like Discord does. */
  onMessage(event: MessageEvent, message: APIMessage, guildId: string | undefined): void;
}

/** Discord's JSON error body. */
export function discordError(status: number, code: number, message: string, extra: Obj = {}): RestReply {
  return { status, body: { message, code, ...extra } };
}

const ok = (body: unknown): RestReply => ({ status: 200, body });
const noContent: RestReply = { status: 204 };

// Callback types each interaction type accepts (PONG, CHANNEL_MESSAGE_WITH_SOURCE, DEFERRED_*, UPDATE_MESSAGE,
// AUTOCOMPLETE_RESULT, MODAL, LAUNCH_ACTIVITY).
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9, 12],
  4: [8],
  5: [4, 5, 6, 7],
};

const WEBHOOK_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function buildRoutes(ctx: RouteContext): RouteTable<RouteHandler> {
  const { world, state } = ctx;
  const table = new RouteTable<RouteHandler>();
  const bot = (method: string, template: string, handle: RouteHandler['handle']) =>
    table.add(method, template, { auth: 'bot', handle });
  const open = (method: string, template: string, handle: RouteHandler['handle']) =>
    table.add(method, template, { auth: 'none', handle });

  const isEphemeral = (message: APIMessage) => ((message.flags ?? 0) & MessageFlagBits.Ephemeral) !== 0;
  const announce = (event: MessageEvent, message: APIMessage, guildId: string | undefined) => {
    if (!isEphemeral(message)) ctx.onMessage(event, message, guildId);
  };

  // ------------------------------------------------------------------------------- gateway & identity

  bot('GET', '/gateway/bot', () =>
    ok({
      url: ctx.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: ctx.sessionStartRemaining(), reset_after: 14_400_000, max_concurrency: 1 },
    }),
  );
  open('GET', '/gateway', () => ok({ url: ctx.gatewayUrl() }));
  bot('GET', '/users/@me', () =>
    ok({ ...world.botUser, verified: true, mfa_enabled: false, locale: 'en-US', email: null, premium_type: 0 }),
  );
  bot('GET', '/users/{user_id}', (call) => {
    const user = [world.botUser, ...Object.values(world.users)].find((u) => u.id === call.params.user_id);
    return user ? ok(user) : discordError(404, 10013, 'Unknown User');
  });
  bot('GET', '/applications/@me', () => ok(restApplication(world)));

  // ------------------------------------------------------------------------------ guilds & channels

  const guildOr404 = (guildId: string | undefined): RestReply | null =>
    guildId === world.guild.id ? null : discordError(404, 10004, 'Unknown Guild');

  bot('GET', '/guilds/{guild_id}', (call) => {
    const missing = guildOr404(call.params.guild_id);
    if (missing) return missing;
    const counts = call.query.with_counts === 'true' ? { approximate_member_count: world.members.size, approximate_presence_count: 2 } : {};
    return ok({ ...restGuild(world), ...counts });
  });
  bot('GET', '/guilds/{guild_id}/channels', (call) => guildOr404(call.params.guild_id) ?? ok([world.channels.category, world.channels.text]));
  bot('GET', '/guilds/{guild_id}/members/{user_id}', (call) => {
    const missing = guildOr404(call.params.guild_id);
    if (missing) return missing;
    const member = world.members.get(call.params.user_id ?? '');
    return member ? ok(member) : discordError(404, 10007, 'Unknown Member');
  });

  const channelById = (id: string | undefined): Obj | undefined => {
    const { category, text, dm } = world.channels;
    const known = [category, text, dm].find((c) => c.id === id) as Obj | undefined;
    return known ?? (id ? state.extraDms.get(id) : undefined);
  };

  bot('GET', '/channels/{channel_id}', (call) => {
    const channel = channelById(call.params.channel_id);
    return channel ? ok(channel) : discordError(404, 10003, 'Unknown Channel');
  });
  bot('POST', '/channels/{channel_id}/typing', (call) =>
    state.channelGuildId(call.params.channel_id ?? '') === null ? discordError(404, 10003, 'Unknown Channel') : noContent,
  );
  bot('POST', '/users/@me/channels', (call) => {
    const recipientId = isObj(call.body) ? String(call.body.recipient_id) : '';
    if (recipientId === world.channels.dm.recipients?.[0]?.id) return ok(world.channels.dm);
    const user = Object.values(world.users).find((u) => u.id === recipientId);
    if (!user) return discordError(400, 50035, 'Invalid Form Body', { errors: { recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Unknown user' }] } } });
    const existing = [...state.extraDms.values()].find((c) => (c.recipients as Obj[] | undefined)?.[0]?.id === recipientId);
    if (existing) return ok(existing);
    const channel = { id: snowflake(), type: 1, last_message_id: null, flags: 0, recipients: [user] };
    state.extraDms.set(channel.id, channel);
    return ok(channel);
  });

  // ------------------------------------------------------------------------------------ channel messages

  bot('POST', '/channels/{channel_id}/messages', (call) => {
    const channelId = call.params.channel_id ?? '';
    const guildId = state.channelGuildId(channelId);
    if (guildId === null) return discordError(404, 10003, 'Unknown Channel');
    const message = state.createMessage({ channelId, body: isObj(call.body) ? call.body : {}, files: call.files });
    announce('MESSAGE_CREATE', message, guildId);
    return ok(message);
  });
  const channelMessage = (call: RestCall): APIMessage | RestReply => {
    const message = state.messages.get(call.params.message_id ?? '');
    if (!message || message.channel_id !== call.params.channel_id) return discordError(404, 10008, 'Unknown Message');
    return message;
  };
  bot('GET', '/channels/{channel_id}/messages/{message_id}', (call) => {
    const found = channelMessage(call);
    return 'status' in found ? found : ok(found);
  });
  bot('PATCH', '/channels/{channel_id}/messages/{message_id}', (call) => {
    const found = channelMessage(call);
    if ('status' in found) return found;
    if (found.author.id !== world.botUser.id) return discordError(403, 50005, 'Cannot edit a message authored by another user');
    state.editMessage(found, isObj(call.body) ? call.body : {}, call.files);
    announce('MESSAGE_UPDATE', found, state.channelGuildId(found.channel_id) ?? undefined);
    return ok(found);
  });
  bot('DELETE', '/channels/{channel_id}/messages/{message_id}', (call) => {
    const found = channelMessage(call);
    if ('status' in found) return found;
    state.messages.delete(found.id);
    announce('MESSAGE_DELETE', found, state.channelGuildId(found.channel_id) ?? undefined);
    return noContent;
  });

  // ------------------------------------------------------------------------------ interaction callback

  open('POST', '/interactions/{interaction_id}/{interaction_token}/callback', (call) => {
    const interaction = state.interactions.get(call.params.interaction_id ?? '');
    if (!interaction) {
      call.problem('callback for an interaction id the fake never sent');
      return discordError(404, 10062, 'Unknown interaction');
    }
    if (interaction.token !== call.params.interaction_token) {
      call.problem('callback with the wrong interaction token');
      return discordError(401, 50027, 'Invalid Webhook Token');
    }
    // Discord's 3 s count from when it sends the event. The fake counts only time that is the bot's: from the
    // moment the dispatch was written to the bot's socket (not when the test asked for it, which can be
    // earlier on a busy machine or before a RESUME replay) to this request's arrival (not its answer), minus
    // the time the fake took to answer earlier attempts (a 429 the bot had to wait for is still the bot's).
    // Before the write has been confirmed the bot cannot be late.
    const fakeMs = ctx.fakeTimeOnEarlierCallbacks(interaction.id, call.receivedAt);
    const age = interaction.deliveredAt === undefined ? 0 : call.receivedAt - interaction.deliveredAt - fakeMs;
    if (interaction.acknowledgedWith === undefined && age > ctx.interactionDeadlineMs) {
      call.problem(
        `callback arrived ${age} ms after the interaction was delivered to the bot (not counting ${fakeMs} ms the fake spent ` +
          `answering earlier attempts; Discord allows ${ctx.interactionDeadlineMs} ms)`,
      );
      return discordError(404, 10062, 'Unknown interaction');
    }
    if (interaction.acknowledgedWith !== undefined) {
      call.problem(`interaction ${interaction.id} was already acknowledged (callback type ${interaction.acknowledgedWith})`);
      return discordError(400, 40060, 'Interaction has already been acknowledged.');
    }
    const body = isObj(call.body) ? call.body : {};
    const type = typeof body.type === 'number' ? body.type : -1;
    if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(type)) {
      call.problem(`callback type ${type} is not valid for an interaction of type ${interaction.type}`);
    }
    const data = isObj(body.data) ? body.data : {};
    interaction.acknowledgedWith = type;
    let message: APIMessage | undefined;
    if (type === 4 || type === 5) {
      const messageType = interaction.type === 2 ? (interaction.commandType === 1 ? 20 : 23) : 0;
      message = state.createMessage({
        channelId: interaction.channelId,
        // A deferred response is an empty "thinking..." message; only its ephemeral flag is taken from data.
        body: type === 4 ? data : { flags: (typeof data.flags === 'number' ? data.flags : 0) & MessageFlagBits.Ephemeral },
        files: call.files,
        interaction,
        type: messageType,
        flags: type === 5 ? MessageFlagBits.Loading : 0,
      });
      interaction.originalMessageId = message.id;
      announce('MESSAGE_CREATE', message, interaction.guildId);
    } else if (type === 6 || type === 7) {
      interaction.originalMessageId = interaction.sourceMessageId;
      message = interaction.sourceMessageId ? state.messages.get(interaction.sourceMessageId) : undefined;
      if (message && type === 7) {
        state.editMessage(message, data, call.files);
        announce('MESSAGE_UPDATE', message, interaction.guildId);
      }
    }
    if (call.query.with_response !== 'true') return noContent;
    return ok({
      interaction: {
        id: interaction.id,
        type: interaction.type,
        response_message_id: message?.id,
        response_message_loading: type === 5,
        response_message_ephemeral: message ? isEphemeral(message) : false,
      },
      ...(message ? { resource: { type, message } } : {}),
    });
  });

  // ------------------------------------------------------------------- interaction webhooks (@original, follow-ups)

  const webhookInteraction = (call: RestCall): InteractionRecord | RestReply => {
    if (call.params.webhook_id !== world.applicationId) {
      call.problem(`webhook id ${call.params.webhook_id} is not the application id`);
      return discordError(404, 10015, 'Unknown Webhook');
    }
    const interaction = state.interactionByToken(call.params.webhook_token ?? '');
    if (!interaction || call.receivedAt - interaction.createdAt > WEBHOOK_TOKEN_LIFETIME_MS) {
      call.problem('webhook call with an unknown or expired interaction token');
      return discordError(401, 50027, 'Invalid Webhook Token');
    }
    return interaction;
  };
  const interactionMessage = (call: RestCall, interaction: InteractionRecord, id: string | undefined): APIMessage | RestReply => {
    const message = id ? state.messages.get(id) : undefined;
    if (!message) {
      if (id === undefined) call.problem('@original used before the interaction was answered with a message');
      return discordError(404, 10008, 'Unknown Message');
    }
    const belongs = id === interaction.originalMessageId || interaction.followUpIds.has(message.id);
    if (!belongs) {
      call.problem(`message ${message.id} does not belong to interaction ${interaction.id}`);
      return discordError(404, 10008, 'Unknown Message');
    }
    return message;
  };
  const target = (call: RestCall, interaction: InteractionRecord) =>
    call.params.message_id === undefined ? interaction.originalMessageId : call.params.message_id;

  for (const template of ['/webhooks/{webhook_id}/{webhook_token}/messages/@original', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}']) {
    open('GET', template, (call) => {
      const interaction = webhookInteraction(call);
      if ('status' in interaction) return interaction;
      const message = interactionMessage(call, interaction, target(call, interaction));
      return 'status' in message ? message : ok(message);
    });
    open('PATCH', template, (call) => {
      const interaction = webhookInteraction(call);
      if ('status' in interaction) return interaction;
      const message = interactionMessage(call, interaction, target(call, interaction));
      if ('status' in message) return message;
      state.editMessage(message, isObj(call.body) ? call.body : {}, call.files);
      announce('MESSAGE_UPDATE', message, interaction.guildId);
      return ok(message);
    });
    open('DELETE', template, (call) => {
      const interaction = webhookInteraction(call);
      if ('status' in interaction) return interaction;
      const message = interactionMessage(call, interaction, target(call, interaction));
      if ('status' in message) return message;
      state.messages.delete(message.id);
      announce('MESSAGE_DELETE', message, interaction.guildId);
      return noContent;
    });
  }

  open('POST', '/webhooks/{webhook_id}/{webhook_token}', (call) => {
    const interaction = webhookInteraction(call);
    if ('status' in interaction) return interaction;
    if (interaction.acknowledgedWith === undefined) {
      call.problem('follow-up message sent before the interaction was acknowledged');
      return discordError(404, 10015, 'Unknown Webhook');
    }
    const message = state.createMessage({
      channelId: interaction.channelId,
      body: isObj(call.body) ? call.body : {},
      files: call.files,
      interaction,
    });
    interaction.followUpIds.add(message.id);
    announce('MESSAGE_CREATE', message, interaction.guildId);
    return call.query.wait === 'true' ? ok(message) : noContent;
  });

  // ------------------------------------------------------------------------------ application commands

  const commandList = (call: RestCall): APIApplicationCommand[] | RestReply => {
    if (call.params.application_id !== world.applicationId) {
      call.problem(`application id ${call.params.application_id} is not this bot's application (${world.applicationId})`);
      return discordError(403, 50001, 'Missing Access');
    }
    const guildId = call.params.guild_id;
    if (guildId === undefined) return state.globalCommands;
    if (guildId !== world.guild.id) return discordError(403, 50001, 'Missing Access');
    let list = state.guildCommands.get(guildId);
    if (!list) state.guildCommands.set(guildId, (list = []));
    return list;
  };
  const toCommand = (input: Obj, existing: APIApplicationCommand[], guildId: string | undefined): APIApplicationCommand => {
    const type = typeof input.type === 'number' ? input.type : 1;
    // Discord keeps a command's id when a bulk overwrite contains the same name and type again.
    const previous = existing.find((c) => c.name === input.name && c.type === type);
    return {
      ...(input as Partial<APIApplicationCommand>),
      id: previous?.id ?? snowflake(),
      application_id: world.applicationId,
      version: snowflake(),
      type,
      name: String(input.name),
      description: typeof input.description === 'string' ? input.description : '',
      default_member_permissions: input.default_member_permissions === undefined || input.default_member_permissions === null ? null : String(input.default_member_permissions),
      nsfw: input.nsfw === true,
      ...(guildId ? { guild_id: guildId } : { integration_types: (input.integration_types as number[] | undefined) ?? [0], contexts: (input.contexts as number[] | null | undefined) ?? null }),
    } as APIApplicationCommand;
  };
  for (const template of ['/applications/{application_id}/commands', '/applications/{application_id}/guilds/{guild_id}/commands']) {
    bot('GET', template, (call) => {
      const list = commandList(call);
      return 'status' in list ? list : ok(list);
    });
    bot('PUT', template, (call) => {
      const list = commandList(call);
      if ('status' in list) return list;
      const inputs = Array.isArray(call.body) ? (call.body as unknown[]).filter(isObj) : [];
      const next = inputs.map((input) => toCommand(input, list, call.params.guild_id));
      list.splice(0, list.length, ...next);
      return ok(next);
    });
    bot('POST', template, (call) => {
      const list = commandList(call);
      if ('status' in list) return list;
      const command = toCommand(isObj(call.body) ? call.body : {}, list, call.params.guild_id);
      const index = list.findIndex((c) => c.id === command.id);
      if (index >= 0) {
        list[index] = command;
        return ok(command);
      }
      list.push(command);
      return { status: 201, body: command };
    });
  }

  return table;
}
