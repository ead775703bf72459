/**
 * Gateway v10 (JSON encoding) over `ws`: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME with
 * replay, INVALID_SESSION, and the close codes Discord uses. Sessions outlive their sockets so a test can
 * drop a connection (cleanly or not) and watch the bot resume and receive what it missed.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { WAIT_TIMEOUT_MS, Waiters } from './waiters.js';
import { APPLICATION_FLAGS, gatewayGuild, type FakeWorld } from './world.js';

/** Gateway intents the fake looks at (values from Discord's docs). */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
} as const;

const PRIVILEGED = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

/** Close codes after which Discord will not accept a RESUME of the session. */
const SESSION_ENDING_CLOSE_CODES = new Set([4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);

type Obj = Record<string, unknown>;

interface Dispatch {
  s: number;
  t: string;
  d: unknown;
  /** Called each time this dispatch has been written to a bot's socket (first send and RESUME replays). */
  onWritten: (() => void) | undefined;
}

interface Session {
  id: string;
  token: string;
  intents: number;
  /** `compress: true` in IDENTIFY: every payload is a zlib-deflated binary frame. */
  compress: boolean;
  shard: [number, number] | undefined;
  seq: number;
  /** Every dispatch of the session, kept for replay on RESUME. */
  log: Dispatch[];
  connection: Connection | null;
  ended: boolean;
  readySent: boolean;
}

interface Connection {
  socket: WebSocket;
  info: GatewayConnectionInfo;
  session: Session | null;
}

export interface GatewayConnectionInfo {
  /** Request path, e.g. `/gateway` or `/gateway/resume`. */
  path: string;
  query: Record<string, string>;
  openedAt: number;
  heartbeats: number;
  identified: boolean;
  resumed: boolean;
  /** Close code as seen by the fake (1006 for an abrupt drop); undefined while open. */
  closeCode: number | undefined;
}

export interface GatewayEvent {
  kind: 'ready' | 'resumed' | 'identify' | 'invalid-session';
  sessionId: string | undefined;
  identifyCount: number;
  resumeCount: number;
}

export interface GatewayOptions {
  token: string;
  world: FakeWorld;
  heartbeatIntervalMs: number;
  /** `ws://127.0.0.1:PORT`, known once the HTTP server listens. */
  baseUrl(): string;
  /** Privileged intents enabled for the application in the (imaginary) developer portal. */
  allowedPrivilegedIntents: number;
}

export interface CloseOptions {
  /** Close code; default 4000 (unknown error, resumable). */
  code?: number;
  reason?: string;
  /** Drop the TCP connection without a close frame (the bot sees 1006). */
  abrupt?: boolean;
  /** Whether the session can no longer be resumed; default: true for codes Discord treats that way. */
  invalidateSession?: boolean;
}

export class FakeGateway {
  readonly connections: GatewayConnectionInfo[] = [];
  readonly problems: string[] = [];
  identifyCount = 0;
  resumeCount = 0;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sessions = new Map<string, Session>();
  private readonly open = new Set<Connection>();
  private readonly waiters = new Waiters<GatewayEvent>();

  constructor(private readonly options: GatewayOptions) {}

  get url(): string {
    return `${this.options.baseUrl()}/gateway`;
  }

  get resumeUrl(): string {
    return `${this.options.baseUrl()}/gateway/resume`;
  }

  /** Live (resumable) sessions, newest last. */
  liveSessionIds(): string[] {
    return [...this.sessions.values()].filter((s) => !s.ended).map((s) => s.id);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url));
  }

  /**
   * Sends a dispatch to every live session (queued for replay if its socket is down). Returns how many got it.
   * `onWritten` runs whenever the dispatch has actually been written to a bot's socket, now or on a replay, so
   * deadlines can start when the bot could first see the event rather than when a test asked for it.
   */
  dispatch(t: string, d: unknown, onWritten?: () => void): number {
    const live = [...this.sessions.values()].filter((s) => !s.ended);
    if (live.length === 0) throw new Error(`cannot dispatch ${t}: no bot session has identified with the fake gateway`);
    let delivered = 0;
    for (const session of live) {
      const data = this.filterForIntents(session, t, d);
      if (data === undefined) continue;
      this.sendDispatch(session, t, data, onWritten);
      delivered += 1;
    }
    return delivered;
  }

  /** Closes every open gateway connection; sessions stay resumable unless the code (or option) ends them. */
  closeConnections(options: CloseOptions = {}): void {
    const code = options.code ?? 4000;
    const invalidate = options.invalidateSession ?? (!options.abrupt && SESSION_ENDING_CLOSE_CODES.has(code));
    for (const connection of [...this.open]) {
      if (invalidate && connection.session) connection.session.ended = true;
      if (options.abrupt) connection.socket.terminate();
      else connection.socket.close(code, options.reason ?? 'fake Discord closed the connection');
    }
  }

  /** Opcode 7: asks connected bots to reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.open) this.send(connection, { op: 7, d: null, s: null, t: null });
  }

  /** Opcode 9 on every open connection; `resumable: false` also ends the sessions. */
  invalidateSessions(resumable: boolean): void {
    for (const connection of this.open) {
      if (!resumable && connection.session) connection.session.ended = true;
      this.send(connection, { op: 9, d: resumable, s: null, t: null });
    }
  }

  waitForReady(timeoutMs = WAIT_TIMEOUT_MS): Promise<GatewayEvent> {
    const ready = [...this.sessions.values()].find((s) => !s.ended && s.readySent);
    if (ready) return Promise.resolve(this.event('ready', ready.id));
    return this.waiters.add((e) => e.kind === 'ready', timeoutMs, () => `no bot session became ready within ${timeoutMs} ms`);
  }

  /** Resolves once `resumeCount` reaches `count` (default: one more than now). */
  waitForResume(count = this.resumeCount + 1, timeoutMs = WAIT_TIMEOUT_MS): Promise<GatewayEvent> {
    if (this.resumeCount >= count) return Promise.resolve(this.event('resumed', undefined));
    return this.waiters.add(
      (e) => e.kind === 'resumed' && e.resumeCount >= count,
      timeoutMs,
      () => `gateway resume #${count} did not happen within ${timeoutMs} ms (resumes so far: ${this.resumeCount})`,
    );
  }

  /** Resolves once `identifyCount` reaches `count` (default: one more than now). */
  waitForIdentify(count = this.identifyCount + 1, timeoutMs = WAIT_TIMEOUT_MS): Promise<GatewayEvent> {
    if (this.identifyCount >= count) return Promise.resolve(this.event('identify', undefined));
    return this.waiters.add(
      (e) => e.kind === 'identify' && e.identifyCount >= count,
      timeoutMs,
      () => `gateway identify #${count} did not happen within ${timeoutMs} ms (identifies so far: ${this.identifyCount})`,
    );
  }

  async close(): Promise<void> {
    this.waiters.rejectAll(new Error('fake Discord stopped'));
    for (const connection of this.open) connection.socket.terminate();
    this.open.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ------------------------------------------------------------------------------------ connection flow

  private accept(socket: WebSocket, url: URL): void {
    const info: GatewayConnectionInfo = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      openedAt: Date.now(),
      heartbeats: 0,
      identified: false,
      resumed: false,
      closeCode: undefined,
    };
    this.connections.push(info);
    const connection: Connection = { socket, info, session: null };
    this.open.add(connection);
    socket.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => {
      // An abrupt client drop surfaces as ECONNRESET here; the close handler does the bookkeeping.
    });
    if (info.query.v !== '10') {
      this.problem(`connected with v=${info.query.v ?? '(none)'}; the fake speaks gateway v10`);
      socket.close(4012, 'Invalid API version');
      return;
    }
    if ((info.query.encoding ?? 'json') !== 'json') {
      this.problem(`connected with encoding=${info.query.encoding}; only json is supported`);
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    // compress=zlib-stream (only requested when zlib-sync is installed) is answered with plain text frames,
    // which @discordjs/ws also accepts.
    this.send(connection, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null });
  }

  private onClose(connection: Connection, code: number): void {
    connection.info.closeCode = code;
    this.open.delete(connection);
    const session = connection.session;
    if (!session) return;
    if (session.connection === connection) session.connection = null;
    // Discord invalidates a session when the client closes with 1000/1001.
    if (code === 1000 || code === 1001) session.ended = true;
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: Obj;
    try {
      const text = isBinary || typeof data !== 'string' ? Buffer.from(data as Buffer).toString('utf8') : data;
      payload = JSON.parse(text) as Obj;
    } catch {
      this.problem('sent a gateway payload that is not valid JSON');
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = payload.op;
    const d = payload.d;
    if (op !== 1 && op !== 2 && op !== 6 && !connection.session) {
      this.problem(`sent opcode ${String(op)} before identifying`);
      connection.socket.close(4003, 'Not authenticated.');
      return;
    }
    switch (op) {
      case 1:
        return this.onHeartbeat(connection, d);
      case 2:
        return this.onIdentify(connection, d);
      case 6:
        return this.onResume(connection, d);
      case 3: // presence update
      case 4: // voice state update
        return;
      case 8:
        return this.onRequestGuildMembers(connection, d);
      default:
        this.problem(`sent unknown opcode ${String(op)}`);
        connection.socket.close(4001, 'Unknown opcode.');
    }
  }

  private onHeartbeat(connection: Connection, d: unknown): void {
    connection.info.heartbeats += 1;
    const session = connection.session;
    if (d !== null && typeof d !== 'number') this.problem(`heartbeat d must be the last sequence number or null, got ${JSON.stringify(d)}`);
    if (session && typeof d === 'number' && d > session.seq) {
      this.problem(`heartbeat acknowledges sequence ${d} but only ${session.seq} was sent`);
    }
    this.send(connection, { op: 11, d: null, s: null, t: null });
  }

  private onIdentify(connection: Connection, d: unknown): void {
    if (connection.session) {
      this.problem('identified twice on one connection');
      connection.socket.close(4005, 'Already authenticated.');
      return;
    }
    const identify = (d ?? {}) as Obj;
    if (identify.token !== this.options.token) {
      this.problem('IDENTIFY with a token other than the configured one');
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    if (typeof identify.intents !== 'number') {
      this.problem('IDENTIFY without intents (required in v10)');
      connection.socket.close(4013, 'Invalid intent(s).');
      return;
    }
    const intents = identify.intents;
    if (intents & PRIVILEGED & ~this.options.allowedPrivilegedIntents) {
      this.problem(`IDENTIFY asks for privileged intents ${intents & PRIVILEGED & ~this.options.allowedPrivilegedIntents} not enabled for the app`);
      connection.socket.close(4014, 'Disallowed intent(s).');
      return;
    }
    const shard = identify.shard;
    if (shard !== undefined && (!Array.isArray(shard) || shard[0] !== 0 || shard[1] !== 1)) {
      this.problem(`IDENTIFY with shard ${JSON.stringify(shard)}; /gateway/bot recommended 1 shard`);
      connection.socket.close(4010, 'Invalid shard.');
      return;
    }
    const properties = identify.properties as Obj | undefined;
    if (!properties || typeof properties.os !== 'string' || typeof properties.browser !== 'string' || typeof properties.device !== 'string') {
      this.problem('IDENTIFY properties must have os, browser and device');
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      token: identify.token,
      intents,
      compress: identify.compress === true,
      shard: shard as [number, number] | undefined,
      seq: 0,
      log: [],
      connection,
      ended: false,
      readySent: false,
    };
    this.sessions.set(session.id, session);
    connection.session = session;
    connection.info.identified = true;
    this.identifyCount += 1;
    this.waiters.offer(this.event('identify', session.id));
    const { world } = this.options;
    this.sendDispatch(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...world.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: [{ id: world.guild.id, unavailable: true }],
      presences: [],
      private_channels: [],
      relationships: [],
      guild_join_requests: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.resumeUrl,
      ...(session.shard ? { shard: session.shard } : {}),
      application: { id: world.applicationId, flags: APPLICATION_FLAGS },
      auth: {},
      geo_ordered_rtc_regions: ['us-east', 'us-central', 'atlanta', 'us-south', 'newark'],
      _trace: ['["gateway-prd-fake-0",{"micros":1024}]'],
    });
    const guild = gatewayGuild(world);
    if (!(intents & Intent.GuildMembers)) {
      // Without GUILD_MEMBERS Discord only includes the bot itself (and members in voice) in GUILD_CREATE.
      guild.members = guild.members.filter((m) => m.user.id === world.botUser.id);
    }
    this.sendDispatch(session, 'GUILD_CREATE', guild);
    session.readySent = true;
    this.waiters.offer(this.event('ready', session.id));
  }

  private onResume(connection: Connection, d: unknown): void {
    const resume = (d ?? {}) as Obj;
    if (resume.token !== this.options.token) {
      this.problem('RESUME with a token other than the configured one');
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    const session = typeof resume.session_id === 'string' ? this.sessions.get(resume.session_id) : undefined;
    if (!session || session.ended) {
      // Discord answers an unknown or ended session with INVALID_SESSION (not resumable); the bot then identifies.
      this.send(connection, { op: 9, d: false, s: null, t: null });
      this.waiters.offer(this.event('invalid-session', undefined));
      return;
    }
    const seq = resume.seq;
    if (typeof seq !== 'number' || seq > session.seq) {
      this.problem(`RESUME with seq ${JSON.stringify(seq)} but the session only reached ${session.seq}`);
      connection.socket.close(4007, 'Invalid seq.');
      session.ended = true;
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) previous.socket.terminate();
    session.connection = connection;
    connection.session = session;
    connection.info.resumed = true;
    for (const missed of session.log) {
      if (missed.s > seq) this.send(connection, { op: 0, t: missed.t, s: missed.s, d: missed.d }, missed.onWritten);
    }
    session.seq += 1;
    this.send(connection, { op: 0, t: 'RESUMED', s: session.seq, d: { _trace: ['["gateway-prd-fake-0",{"micros":512}]'] } });
    this.resumeCount += 1;
    this.waiters.offer(this.event('resumed', session.id));
  }

  private onRequestGuildMembers(connection: Connection, d: unknown): void {
    const request = (d ?? {}) as Obj;
    const { world } = this.options;
    const session = connection.session!;
    if (request.guild_id !== world.guild.id) return;
    const query = typeof request.query === 'string' ? request.query.toLowerCase() : undefined;
    const ids = Array.isArray(request.user_ids) ? request.user_ids.map(String) : typeof request.user_ids === 'string' ? [request.user_ids] : undefined;
    if (query === '' && !(session.intents & Intent.GuildMembers)) {
      this.problem('requested all guild members without the GUILD_MEMBERS intent');
      connection.socket.close(4013, 'Invalid intent(s).');
      return;
    }
    const limit = typeof request.limit === 'number' && request.limit > 0 ? request.limit : Infinity;
    const members = [...world.members.values()]
      .filter((m) => (ids ? ids.includes(m.user.id) : m.user.username.toLowerCase().startsWith(query ?? '')))
      .slice(0, limit);
    const notFound = ids ? ids.filter((id) => !world.members.has(id)) : [];
    this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: world.guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(notFound.length > 0 ? { not_found: notFound } : {}),
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    });
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** What a session receives of a dispatch given its intents: undefined if it gets nothing. */
  private filterForIntents(session: Session, t: string, d: unknown): unknown {
    const data = (d ?? {}) as Obj;
    const inGuild = typeof data.guild_id === 'string';
    const need = (guildIntent: number, dmIntent: number) => session.intents & (inGuild ? guildIntent : dmIntent);
    switch (t) {
      case 'MESSAGE_CREATE':
      case 'MESSAGE_UPDATE':
      case 'MESSAGE_DELETE': {
        if (!need(Intent.GuildMessages, Intent.DirectMessages)) return undefined;
        return t === 'MESSAGE_DELETE' ? data : this.applyMessageContentIntent(session, data);
      }
      case 'TYPING_START':
        return need(Intent.GuildMessageTyping, Intent.DirectMessageTyping) ? data : undefined;
      case 'MESSAGE_REACTION_ADD':
      case 'MESSAGE_REACTION_REMOVE':
        return need(Intent.GuildMessageReactions, Intent.DirectMessageReactions) ? data : undefined;
      case 'GUILD_MEMBER_ADD':
      case 'GUILD_MEMBER_UPDATE':
      case 'GUILD_MEMBER_REMOVE':
        return session.intents & Intent.GuildMembers ? data : undefined;
      default:
        return d;
    }
  }

  /**
   * Without MESSAGE_CONTENT Discord blanks content, embeds, attachments, components and polls, except in DMs,
   * for the bot's own messages, and for messages that mention the bot.
   */
  private applyMessageContentIntent(session: Session, data: Obj): Obj {
    if (session.intents & Intent.MessageContent) return data;
    const botId = this.options.world.botUser.id;
    const author = data.author as Obj | undefined;
    const mentions = Array.isArray(data.mentions) ? (data.mentions as Obj[]) : [];
    if (typeof data.guild_id !== 'string' || author?.id === botId || mentions.some((m) => m.id === botId)) return data;
    const { poll: _poll, ...rest } = data;
    return { ...rest, content: '', embeds: [], attachments: [], components: [] };
  }

  private sendDispatch(session: Session, t: string, d: unknown, onWritten?: () => void): void {
    session.seq += 1;
    const dispatch: Dispatch = { s: session.seq, t, d, onWritten };
    session.log.push(dispatch);
    if (session.connection) this.send(session.connection, { op: 0, t, s: dispatch.s, d }, onWritten);
  }

  /** `onWritten` runs once ws has handed the frame to the socket (its send callback), not if the write failed. */
  private send(connection: Connection, payload: Obj, onWritten?: () => void): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    const text = JSON.stringify(payload);
    const written = (error?: Error) => {
      if (!error) onWritten?.();
    };
    if (connection.session?.compress) connection.socket.send(deflateSync(text), written);
    else connection.socket.send(text, written);
  }

  private event(kind: GatewayEvent['kind'], sessionId: string | undefined): GatewayEvent {
    return { kind, sessionId, identifyCount: this.identifyCount, resumeCount: this.resumeCount };
  }

  private problem(text: string): void {
    this.problems.push(text);
  }
}
