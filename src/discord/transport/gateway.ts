import { Client, Events, GatewayIntentBits, Options, Partials, Routes } from 'discord.js';
import type { APIInteraction, APIMessage, GatewayDispatchPayload } from 'discord-api-types/v10';
import type { Logger } from '../../logger.js';
import type { BotContext } from '../context.js';
import { answerMention } from '../mention.js';
import { route } from '../router.js';

export interface GatewayBot {
  client: Client;
  /** Stop taking work, let what is in flight finish (bounded), disconnect. */
  shutdown(): Promise<void>;
}

export interface GatewayOptions {
  token: string;
  apiUrl: string;
  context: BotContext;
  logger: Logger;
  /** How long shutdown waits for in-flight answers before disconnecting anyway. */
  drainTimeoutMs?: number;
  /** How long logging in may take before the bot gives up (Discord not answering). Default 30 s. */
  connectTimeoutMs?: number;
}

/** How often, at most, a slow login says what it is still waiting for. */
const WAITING_REPORT_MS = 5000;

/**
 * The gateway transport: the real discord.js client receives events; interactions and mentions
 * are taken as raw API payloads and answered through discord.js's REST client, so the handlers
 * stay transport-independent and an HTTP-interactions transport could reuse them unchanged.
 */
export async function startGatewayBot(options: GatewayOptions): Promise<GatewayBot> {
  const { context, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: options.apiUrl },
    // The handlers read raw payloads, never discord.js's caches, so nothing a message, member or
    // user brings is kept: a busy server's traffic would otherwise fill memory with objects no
    // one reads (200 messages a channel by default, every member and user ever seen). The bot's
    // own user and member stay, as discord.js expects.
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const answerInteraction = async (interaction: APIInteraction) => {
    const started = performance.now();
    const routed = route(interaction, context, (error, name) =>
      logger.error({ err: error, command: name, interactionId: interaction.id, userId: interaction.member?.user.id ?? interaction.user?.id }, 'handler failed'),
    );
    let outcome: string = routed.outcome;
    try {
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: routed.response, auth: false });
    } catch (error) {
      outcome = 'send-failed';
      logger.error({ err: error, command: routed.name, interactionId: interaction.id }, 'could not send the interaction response');
    }
    logger.info(
      {
        command: routed.name,
        interactionId: interaction.id,
        userId: interaction.member?.user.id ?? interaction.user?.id,
        guildId: interaction.guild_id,
        latencyMs: Math.round(performance.now() - started),
        outcome,
      },
      'interaction',
    );
  };

  const answerMessage = async (message: APIMessage) => {
    const botId = client.user?.id;
    if (!botId) return;
    const body = answerMention(message, botId, context);
    if (!body) return;
    const started = performance.now();
    let outcome = 'ok';
    try {
      await client.rest.post(Routes.channelMessages(message.channel_id), { body });
    } catch (error) {
      outcome = 'send-failed';
      logger.error({ err: error, channelId: message.channel_id }, 'could not reply to a mention');
    }
    logger.info({ command: 'mention', userId: message.author.id, latencyMs: Math.round(performance.now() - started), outcome }, 'mention');
  };

  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t !== 'INTERACTION_CREATE' && packet.t !== 'MESSAGE_CREATE') return;
    if (!accepting) {
      logger.debug({ event: packet.t }, 'shutting down: event ignored');
      return;
    }
    track(packet.t === 'INTERACTION_CREATE' ? answerInteraction(packet.d as APIInteraction) : answerMessage(packet.d as APIMessage));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
  client.on(Events.ShardReconnecting, (shardId) => logger.warn({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));
  client.once(Events.ClientReady, (ready) =>
    logger.info(
      // performance.now() counts from process start: how long a user waited for a working bot.
      { user: ready.user.tag, userId: ready.user.id, guilds: ready.guilds.cache.size, terms: context.glossary.entries.size, atMs: Math.round(performance.now()) },
      'ready',
    ),
  );

  await logIn(client, options);

  return {
    client,
    async shutdown() {
      accepting = false;
      const drained = Promise.allSettled([...inFlight]);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.drainTimeoutMs ?? 5000).unref());
      if ((await Promise.race([drained, timeout])) === 'timeout') logger.warn({ pending: inFlight.size }, 'shutdown: gave up waiting for in-flight answers');
      await client.destroy();
    },
  };
}

/**
 * `client.login`, bounded in time. On its own, discord.js retries an unanswered request for about
 * a minute and then says only "This operation was aborted"; this says every few seconds what it
 * is waiting for and where, and gives up with a message that names the URL.
 */
async function logIn(client: Client, options: GatewayOptions): Promise<void> {
  const { logger, apiUrl } = options;
  const timeoutMs = options.connectTimeoutMs ?? 30_000;
  let waitingFor = `the gateway address from ${apiUrl} (GET /gateway/bot)`;
  const onResponse = (request: { path: string }) => {
    if (request.path.endsWith('/gateway/bot')) waitingFor = 'the gateway session (WebSocket HELLO and READY)';
  };
  client.rest.on('response', onResponse);
  const started = performance.now();
  logger.info({ apiUrl }, 'connecting to Discord');
  const report = setInterval(
    () => logger.warn({ apiUrl, waitingFor, waitedMs: Math.round(performance.now() - started) }, `still waiting for ${waitingFor}`),
    // At least twice before giving up, however short the limit.
    Math.min(WAITING_REPORT_MS, timeoutMs / 3),
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Discord did not answer within ${Math.round(timeoutMs / 1000)} s at ${apiUrl}: no reply while waiting for ${waitingFor}.`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([client.login(options.token), timedOut]);
  } catch (error) {
    await client.destroy();
    throw error;
  } finally {
    clearInterval(report);
    clearTimeout(timer);
    client.rest.off('response', onResponse);
  }
}
