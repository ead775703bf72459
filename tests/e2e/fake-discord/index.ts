/**
 * A local fake Discord (REST + gateway v10, JSON) on 127.0.0.1 for end-to-end tests of the real discord.js
 * client or the real bot process. Point the bot at it with `rest: { api: fake.apiUrl }` (or the
 * DISCORD_API_URL the bot reads) and any token equal to `fake.token`; discord.js fetches `GET /gateway/bot`
 * and connects to the gateway URL the fake returns.
 *
 * Every REST request is recorded with the problems found in it (OpenAPI spec + Discord's documented limits),
 * so tests can assert both on behaviour and on "Discord would have accepted this".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage } from 'discord.js';
import { FakeGateway, Intent, type CloseOptions, type GatewayConnectionInfo, type GatewayEvent } from './gateway.js';
import { buildRoutes, type MessageEvent } from './rest-routes.js';
import { API_PREFIX, RestServer, type FailureOptions, type HeldRequest, type RecordedRequest } from './rest-server.js';
import { DEFAULT_SPEC_PATH, SpecValidator } from './spec-validator.js';
import { FakeState, type InteractionRecord } from './state.js';
import { WAIT_TIMEOUT_MS } from './waiters.js';
import { createWorld, type FakeWorld, type WorldOptions } from './world.js';

export type { RecordedRequest, FailureOptions, HeldRequest } from './rest-server.js';
export type { CloseOptions, GatewayConnectionInfo, GatewayEvent } from './gateway.js';
export type { FakeWorld, WorldOptions } from './world.js';
export type { InteractionRecord, UploadedFile } from './state.js';
export { Intent } from './gateway.js';
export * as payloads from './payloads.js';

export interface FakeDiscordOptions extends WorldOptions {
  /** The bot token the fake accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY). Default 'test-token'. */
  token?: string;
  /** HELLO heartbeat interval; short so tests exercise heartbeats. Default 2000 ms. */
  heartbeatIntervalMs?: number;
  /**
   * How long an interaction can wait for its callback (Discord: 3000 ms), counted from when the dispatch was
   * written to the bot's socket to when the callback arrives, without the fake's own time on earlier attempts.
   */
  interactionDeadlineMs?: number;
  /** Privileged intents "enabled in the developer portal"; IDENTIFY asking for others is closed with 4014. Default all. */
  privilegedIntents?: { guildMembers?: boolean; presences?: boolean; messageContent?: boolean };
  /** Echo the bot's own non-ephemeral messages back as MESSAGE_CREATE/UPDATE/DELETE, as Discord does. Default true. */
  echoBotMessages?: boolean;
  /** Path of Discord's openapi.json; default the repository's copy, tests/e2e/discord-api-spec/openapi.json. */
  specPath?: string;
  /** Port to listen on (127.0.0.1); default an ephemeral port. */
  port?: number;
}

/** The parts of an interaction payload the fake reads; any `payloads.*` interaction (or a hand-made one) fits. */
export interface InteractionPayload {
  id: string;
  token: string;
  type: number;
  data?: unknown;
  member?: unknown;
  user?: unknown;
  channel?: unknown;
  channel_id?: string;
  guild_id?: string;
  message?: unknown;
}

const CALLBACK_ROUTE = '/interactions/{interaction_id}/{interaction_token}/callback';

export interface SentInteraction {
  id: string;
  token: string;
}

/** The requests a bot makes while answering, whose validators are compiled before any test runs. */
const BOT_REQUESTS = [
  ['POST', '/interactions/1/token/callback'],
  ['POST', '/channels/1/messages'],
  ['POST', '/webhooks/1/token'],
  ['PATCH', '/webhooks/1/token/messages/@original'],
  ['PUT', '/applications/1/commands'],
  ['PUT', '/applications/1/guilds/1/commands'],
] as const;

export class FakeDiscord {
  readonly token: string;
  readonly world: FakeWorld;
  readonly state: FakeState;
  private readonly rest: RestServer;
  private readonly gateway: FakeGateway;
  private port = 0;
  private stopped = false;

  /** Use `startFakeDiscord()`. */
  constructor(
    private readonly server: Server,
    private readonly options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? 'test-token';
    this.world = createWorld(options);
    this.state = new FakeState(this.world);
    const privileged = options.privilegedIntents ?? {};
    this.gateway = new FakeGateway({
      token: this.token,
      world: this.world,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 2000,
      baseUrl: () => `ws://127.0.0.1:${this.port}`,
      allowedPrivilegedIntents:
        (privileged.guildMembers === false ? 0 : Intent.GuildMembers) |
        (privileged.presences === false ? 0 : Intent.GuildPresences) |
        (privileged.messageContent === false ? 0 : Intent.MessageContent),
    });
    const validator = SpecValidator.load(options.specPath ?? DEFAULT_SPEC_PATH);
    validator.prepare(BOT_REQUESTS);
    this.rest = new RestServer({
      token: this.token,
      validator,
      routes: buildRoutes({
        world: this.world,
        state: this.state,
        gatewayUrl: () => this.gateway.url,
        sessionStartRemaining: () => 1000 - this.gateway.identifyCount,
        interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
        fakeTimeOnEarlierCallbacks: (interactionId, before) =>
          this.rest.requests
            .filter(
              (r) =>
                r.route === CALLBACK_ROUTE && r.params.interaction_id === interactionId && r.respondedAt !== undefined && r.respondedAt <= before,
            )
            .reduce((total, r) => total + (r.respondedAt! - r.at), 0),
        onMessage: (event, message, guildId) => this.echo(event, message, guildId),
      }),
    });
    server.on('request', (req, res) => void this.rest.handle(req, res));
    server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  /** @internal */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Base for discord.js `rest.api` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return this.gateway.url;
  }

  /** Every REST request so far, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  get gatewayConnections(): readonly GatewayConnectionInfo[] {
    return this.gateway.connections;
  }

  get identifyCount(): number {
    return this.gateway.identifyCount;
  }

  get resumeCount(): number {
    return this.gateway.resumeCount;
  }

  /**
   * Resolves with the first recorded request (past or future) matching `predicate`. Requests are recorded when
   * they have been handled, before the answer is written (so also while `holdNext` holds the answer).
   */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<RecordedRequest> {
    return this.rest.waitForRequest(predicate, timeoutMs);
  }

  /** The first successful (2xx) callback for an interaction. */
  waitForCallback(interactionId: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<RecordedRequest> {
    return this.rest.waitForRequest(
      (r) => r.route === CALLBACK_ROUTE && r.params.interaction_id === interactionId && r.status < 300,
      timeoutMs,
    );
  }

  /**
   * Keeps back the answer to the next request matching `predicate` until `release()`:
   * `const held = fake.holdNext(p); ...; await held.arrived; ...; held.release();`.
   * The request is handled and recorded on arrival (an interaction callback acknowledges the interaction then);
   * only the answer waits, as on a slow network.
   */
  holdNext(predicate: (request: RecordedRequest) => boolean, timeoutMs = WAIT_TIMEOUT_MS): HeldRequest {
    return this.rest.holdNext(predicate, timeoutMs);
  }

  /** A bot session has identified and been sent READY + GUILD_CREATE. */
  waitForReady(timeoutMs = WAIT_TIMEOUT_MS): Promise<GatewayEvent> {
    return this.gateway.waitForReady(timeoutMs);
  }

  /** Resolves once the gateway has seen `count` successful RESUMEs (default: one more than now). */
  waitForResume(count?: number, timeoutMs = WAIT_TIMEOUT_MS): Promise<GatewayEvent> {
    return this.gateway.waitForResume(count, timeoutMs);
  }

  /** Resolves once the gateway has seen `count` IDENTIFYs (default: one more than now). */
  waitForIdentify(count?: number, timeoutMs = WAIT_TIMEOUT_MS): Promise<GatewayEvent> {
    return this.gateway.waitForIdentify(count, timeoutMs);
  }

  /**
   * Dispatches INTERACTION_CREATE (build the payload with `payloads.*`) and remembers the interaction so
   * its callback, `@original` and follow-ups are answered like Discord would.
   */
  sendInteraction(payload: InteractionPayload): SentInteraction {
    const data = (payload.data ?? {}) as Record<string, unknown>;
    const member = payload.member as { user?: InteractionRecord['user'] } | undefined;
    const user = member?.user ?? (payload.user as InteractionRecord['user'] | undefined) ?? this.world.users.alice;
    const channel = payload.channel as { id?: string } | undefined;
    const message = payload.message as APIMessage | undefined;
    if (message && !this.state.messages.has(message.id)) this.state.messages.set(message.id, message);
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      commandType: typeof data.type === 'number' ? data.type : undefined,
      commandName: typeof data.name === 'string' ? data.name : undefined,
      channelId: String(payload.channel_id ?? channel?.id ?? this.world.channels.text.id),
      guildId: typeof payload.guild_id === 'string' ? payload.guild_id : undefined,
      user,
      sourceMessageId: message?.id,
      createdAt: Date.now(),
      deliveredAt: undefined,
      acknowledgedWith: undefined,
      originalMessageId: undefined,
      followUpIds: new Set(),
    };
    this.state.interactions.set(payload.id, record);
    this.gateway.dispatch('INTERACTION_CREATE', payload, () => {
      record.deliveredAt = Date.now();
    });
    return { id: payload.id, token: payload.token };
  }

  /** Any other dispatch (MESSAGE_CREATE, GUILD_MEMBER_ADD, ...), filtered by each session's intents. */
  dispatch(event: string, data: unknown): number {
    return this.gateway.dispatch(event, data);
  }

  /** Closes gateway connections: `{ code: 4000 }` (default) lets the bot RESUME; `{ abrupt: true }` drops TCP. */
  closeGateway(options: CloseOptions = {}): void {
    this.gateway.closeConnections(options);
  }

  /** Sends opcode 7 (RECONNECT). */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends opcode 9 (INVALID_SESSION). */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  /** The next matching REST request(s) fail (default: a Discord-shaped 429); later ones are handled normally. */
  failNext(predicate: (request: RecordedRequest) => boolean, options: FailureOptions = {}): void {
    this.rest.failNext(predicate, options);
  }

  /** Every problem found so far: REST requests (`METHOD /path: problem`) and the gateway (`gateway: problem`). */
  problems(): string[] {
    return [...this.rest.problems(), ...this.gateway.problems.map((p) => `gateway: ${p}`)];
  }

  /** Checks the fake's own REST answers against the responses documented in the spec (self-check). */
  responseProblems(): string[] {
    return this.rest.responseProblems();
  }

  /** Messages the fake knows (sent by the bot, or carried by interactions). */
  messages(): APIMessage[] {
    return [...this.state.messages.values()];
  }

  /** Commands registered via PUT/POST (global, or for the world's guild). */
  commands(scope: 'global' | 'guild' = 'global'): APIApplicationCommand[] {
    return scope === 'global' ? [...this.state.globalCommands] : [...(this.state.guildCommands.get(this.world.guild.id) ?? [])];
  }

  /** Id of a registered command by name (global first, then guild), for building interactions that match it. */
  commandId(name: string): string | undefined {
    return [...this.commands('global'), ...this.commands('guild')].find((c) => c.name === name)?.id;
  }

  /** Closes the gateway and HTTP server, drops all connections and rejects pending waits. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.rest.close();
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Keep-alive sockets from discord.js' HTTP client would otherwise hold close() open.
      this.server.closeAllConnections();
    });
  }

  private echo(event: MessageEvent, message: APIMessage, guildId: string | undefined): void {
    if (this.options.echoBotMessages === false || this.gateway.liveSessionIds().length === 0) return;
    const botMember = this.world.members.get(this.world.botUser.id);
    const data =
      event === 'MESSAGE_DELETE'
        ? { id: message.id, channel_id: message.channel_id, ...(guildId ? { guild_id: guildId } : {}) }
        : {
            ...message,
            channel_type: guildId ? 0 : 1,
            ...(guildId && botMember ? { guild_id: guildId, member: { ...botMember, user: undefined } } : {}),
          };
    this.gateway.dispatch(event, JSON.parse(JSON.stringify(data)));
  }
}

/** Starts a fake Discord on 127.0.0.1 (ephemeral port unless `port` is given). */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(createServer(), options);
  await fake.listen();
  return fake;
}

export { API_PREFIX };
