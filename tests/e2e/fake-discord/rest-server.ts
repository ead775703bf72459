/**
 * HTTP side of the fake: parses each request under `/api/v10`, validates it (OpenAPI spec + Discord limits),
 * records it, applies scripted failures, and answers through the route handlers.
 */
import { createHash } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { checkCommandSet, checkInteractionCallback, checkMessage, checkSingleCommand } from './discord-limits.js';
import { discordError, type RestCall, type RestReply, type RouteHandler } from './rest-routes.js';
import type { RouteTable } from './route-table.js';
import type { SpecValidator } from './spec-validator.js';
import type { UploadedFile } from './state.js';
import { WAIT_TIMEOUT_MS, Waiters } from './waiters.js';

export const API_PREFIX = '/api/v10';

export interface RecordedRequest {
  /** 1-based order of arrival. */
  seq: number;
  at: number;
  method: string;
  /** Path without `/api/v10` (and without the query string). */
  path: string;
  /** Matched path template (the spec's, e.g. `/channels/{channel_id}/messages`), or null when nothing matched. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body; undefined without a body. */
  body: unknown;
  /** Files of a multipart body. */
  files: UploadedFile[];
  /** Everything found wrong with the request; empty when it is what Discord would accept. */
  problems: string[];
  /** Status the fake answered with. */
  status: number;
  /** Body the fake answered with. */
  response: unknown;
  /** When the answer was written (later than `at` by the fake's own work, plus any `holdNext` hold); undefined until then. */
  respondedAt: number | undefined;
}

/** A request whose answer the fake keeps back until the test says so (`holdNext`). */
export interface HeldRequest {
  /**
   * Resolves with the request once it has arrived and been handled (recorded, with its arrival time in `at`);
   * its answer is not sent until `release()`. Rejects if nothing matching arrives within the time limit.
   */
  readonly arrived: Promise<RecordedRequest>;
  /** Sends the held answer now, or at once when the request arrives if it has not yet. */
  release(): void;
}

interface Hold {
  predicate: (request: RecordedRequest) => boolean;
  released: Promise<void>;
  release(): void;
  claim(request: RecordedRequest): void;
  fail(error: Error): void;
}

export interface FailureOptions {
  /** Default 429. */
  status?: number;
  /** For 429: seconds to wait (body `retry_after`, `Retry-After` header). Default 0.2. */
  retryAfterSeconds?: number;
  /** For 429: a global rate limit (`X-RateLimit-Global`). */
  global?: boolean;
  /** How many matching requests to fail. Default 1. */
  times?: number;
  /** Discord error code / message for non-429 failures. */
  code?: number;
  message?: string;
}

interface ScriptedFailure {
  predicate: (request: RecordedRequest) => boolean;
  options: FailureOptions;
  remaining: number;
}

export interface RestServerOptions {
  token: string;
  validator: SpecValidator;
  routes: RouteTable<RouteHandler>;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
  mediaType: string;
  problems: string[];
  invalidJson: boolean;
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const result: ParsedBody = { body: undefined, files: [], mediaType, problems: [], invalidJson: false };
  if (raw.length === 0) return result;
  if (mediaType === 'application/json') {
    try {
      result.body = JSON.parse(raw.toString('utf8'));
    } catch {
      result.invalidJson = true;
      result.problems.push('body is not valid JSON');
    }
    return result;
  }
  if (mediaType === 'multipart/form-data') {
    // The WHATWG Request parser in Node handles boundaries and file parts without an extra dependency.
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body: raw,
    }).formData();
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            result.body = JSON.parse(value);
          } catch {
            result.invalidJson = true;
            result.problems.push('multipart payload_json is not valid JSON');
          }
        } else {
          result.problems.push(`multipart field "${field}" is not payload_json or a file; Discord ignores it`);
        }
      } else {
        if (!/^files\[\d+\]$/.test(field)) result.problems.push(`multipart file field "${field}" should be named files[n]`);
        result.files.push({ field, filename: value.name, contentType: value.type || 'application/octet-stream', size: value.size });
      }
    }
    if (result.body === undefined && !result.invalidJson) result.body = {};
    return result;
  }
  result.problems.push(`unsupported content type "${contentType ?? ''}" (the fake, like discord.js, speaks JSON and multipart)`);
  return result;
}

/** Discord-limit checks by route and method; the spec's templates name the routes. */
function limitProblems(method: string, route: string, body: unknown, fileCount: number): string[] {
  const key = `${method} ${route}`;
  switch (key) {
    case 'POST /interactions/{interaction_id}/{interaction_token}/callback':
      return checkInteractionCallback(body, fileCount);
    case 'POST /channels/{channel_id}/messages':
    case 'POST /webhooks/{webhook_id}/{webhook_token}':
      return checkMessage(body, { creating: true, fileCount });
    case 'PATCH /channels/{channel_id}/messages/{message_id}':
    case 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original':
    case 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}':
      return checkMessage(body, { creating: false, fileCount });
    case 'PUT /applications/{application_id}/commands':
    case 'PUT /applications/{application_id}/guilds/{guild_id}/commands':
      return checkCommandSet(body);
    case 'POST /applications/{application_id}/commands':
    case 'POST /applications/{application_id}/guilds/{guild_id}/commands':
    case 'PATCH /applications/{application_id}/commands/{command_id}':
    case 'PATCH /applications/{application_id}/guilds/{guild_id}/commands/{command_id}':
      return checkSingleCommand(body);
    default:
      return [];
  }
}

/**
 * Rate-limit headers like Discord puts on every answer. The bucket never runs dry (remaining = limit - 1),
 * so discord.js keeps its bucket bookkeeping realistic without ever sleeping; only scripted 429s make it wait.
 */
function bucketHeaders(method: string, route: string): Record<string, string> {
  return {
    'x-ratelimit-limit': '50',
    'x-ratelimit-remaining': '49',
    'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': '1.000',
    'x-ratelimit-bucket': bucketHash(method, route),
  };
}

function bucketHash(method: string, route: string): string {
  return createHash('sha1').update(`${method} ${route}`).digest('hex').slice(0, 32);
}

function rateLimitReply(options: FailureOptions, method: string, route: string): RestReply {
  const retryAfter = options.retryAfterSeconds ?? 0.2;
  const global = options.global === true;
  const headers: Record<string, string> = {
    // Discord sends whole seconds in Retry-After; the fake sends the exact value so tests need not sleep a
    // full second (discord.js reads this header, not the body, to decide how long to wait).
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '50',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': retryAfter.toFixed(3),
    'x-ratelimit-bucket': bucketHash(method, route),
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: retryAfter, global, code: 0 } };
}

export class RestServer {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private holds: Hold[] = [];
  private readonly claimedHolds = new Set<Hold>();
  private readonly waiters = new Waiters<RecordedRequest>();
  private nextSeq = 1;

  constructor(private readonly options: RestServerOptions) {}

  /** The next `times` requests matching `predicate` are answered with an error instead of being handled. */
  failNext(predicate: (request: RecordedRequest) => boolean, options: FailureOptions = {}): void {
    this.failures.push({ predicate, options, remaining: options.times ?? 1 });
  }

  /**
   * The next request matching `predicate` (checked once it has been handled, so status and problems are known)
   * is recorded as usual but its answer waits until `release()`: an event-driven stand-in for a slow network
   * or a slow Discord, so a test can act while the bot is waiting without guessing how long anything takes.
   */
  holdNext(predicate: (request: RecordedRequest) => boolean, timeoutMs = WAIT_TIMEOUT_MS): HeldRequest {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let claim!: (request: RecordedRequest) => void;
    let reject!: (error: Error) => void;
    const arrived = new Promise<RecordedRequest>((resolve, fail) => {
      claim = resolve;
      reject = fail;
    });
    // stop() rejects holds nobody is waiting for any more; that must not surface as an unhandled rejection.
    arrived.catch(() => undefined);
    const timer = setTimeout(() => {
      this.holds = this.holds.filter((candidate) => candidate !== hold);
      const recent = this.requests.slice(-10).map((r) => `${r.method} ${r.path} -> ${r.status}`);
      reject(new Error(`no request to hold arrived within ${timeoutMs} ms; last requests: ${recent.join('; ') || 'none'}`));
    }, timeoutMs);
    const hold: Hold = {
      predicate,
      released,
      release,
      claim(request) {
        clearTimeout(timer);
        claim(request);
      },
      fail(error) {
        clearTimeout(timer);
        reject(error);
        release();
      },
    };
    this.holds.push(hold);
    return { arrived, release };
  }

  /** Resolves with the first recorded request (already recorded or future) matching the predicate. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<RecordedRequest> {
    const found = this.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return this.waiters.add(predicate, timeoutMs, () => {
      const recent = this.requests.slice(-10).map((r) => `${r.method} ${r.path} -> ${r.status}`);
      return `no matching REST request within ${timeoutMs} ms; last requests: ${recent.join('; ') || 'none'}`;
    });
  }

  problems(): string[] {
    return this.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));
  }

  /** The fake's own answers checked against the spec's documented responses (a self-check of the fake). */
  responseProblems(): string[] {
    const { validator } = this.options;
    return this.requests.flatMap((r) => {
      const spec = validator.findOperation(r.method, r.path);
      if (!spec) return [];
      return validator.validateResponse(spec.value, r.status, r.response).map((p) => `${r.method} ${r.path} -> ${r.status}: ${p}`);
    });
  }

  close(): void {
    const stopped = new Error('fake Discord stopped');
    this.waiters.rejectAll(stopped);
    for (const hold of this.holds) hold.fail(stopped);
    this.holds = [];
    // Answers still held are let go, so no request handler is left waiting forever.
    for (const hold of this.claimedHolds) hold.release();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = headerRecord(req);
    const record: RecordedRequest = {
      seq: this.nextSeq++,
      at: receivedAt,
      method,
      path: url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname,
      route: null,
      params: {},
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      body: undefined,
      files: [],
      problems: [],
      status: 0,
      response: undefined,
      respondedAt: undefined,
    };
    let reply: RestReply;
    try {
      reply = await this.process(req, url, record, receivedAt);
    } catch (error) {
      record.problems.push(`fake Discord crashed handling this request: ${(error as Error).stack ?? String(error)}`);
      reply = discordError(500, 0, '500: Internal Server Error');
    }
    record.status = reply.status;
    record.response = reply.body;
    this.requests.push(record);
    this.waiters.offer(record);
    await this.holdIfAsked(record);
    record.respondedAt = Date.now();
    const payload = reply.body === undefined || reply.status === 204 ? undefined : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      via: '1.1 google',
      ...(record.route && reply.status !== 429 ? bucketHeaders(record.method, record.route) : {}),
      ...reply.headers,
    });
    res.end(payload);
  }

  private async holdIfAsked(record: RecordedRequest): Promise<void> {
    for (const hold of this.holds) {
      let matches: boolean;
      try {
        matches = hold.predicate(record);
      } catch (error) {
        this.holds = this.holds.filter((candidate) => candidate !== hold);
        hold.fail(error as Error);
        continue;
      }
      if (!matches) continue;
      this.holds = this.holds.filter((candidate) => candidate !== hold);
      this.claimedHolds.add(hold);
      hold.claim(record);
      await hold.released;
      this.claimedHolds.delete(hold);
      return;
    }
  }

  private async process(req: IncomingMessage, url: URL, record: RecordedRequest, receivedAt: number): Promise<RestReply> {
    const problems = record.problems;
    const parsed = await parseBody(await readBody(req), req.headers['content-type']);
    record.body = parsed.body;
    record.files = parsed.files;
    problems.push(...parsed.problems);

    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      problems.push(`request outside ${API_PREFIX} (discord.js should be given rest.api = <fake>/api)`);
      return discordError(404, 0, '404: Not Found');
    }
    this.checkHeaders(record);

    const { validator, routes } = this.options;
    const spec = validator.findOperation(record.method, record.path);
    if (!spec) {
      problems.push(validator.hasPath(record.path) ? `${record.method} is not a documented method for this route` : 'route is not in Discord\'s OpenAPI spec');
    } else {
      record.route = spec.template;
      record.params = spec.params;
      problems.push(...validator.checkPathParams(spec.value, spec.params));
      problems.push(...validator.checkQuery(spec.value, record.query));
      if (!parsed.invalidJson) {
        const mediaType = parsed.mediaType || 'application/json';
        problems.push(...validator.validateBody(spec.value, mediaType, parsed.body, parsed.body !== undefined).map((p) => `spec: ${p}`));
      }
      problems.push(...limitProblems(record.method, spec.template, parsed.body, parsed.files.length).map((p) => `limit: ${p}`));
    }
    if (parsed.invalidJson) return discordError(400, 50109, 'The request body contains invalid JSON.');

    const route = routes.find(record.method, record.path);
    if (!route) {
      if (spec) {
        problems.push('route exists in Discord\'s API but the fake does not implement it');
        return discordError(404, 0, '404: Not Found');
      }
      return routes.hasPath(record.path) ? discordError(405, 0, '405: Method Not Allowed') : discordError(404, 0, '404: Not Found');
    }
    record.route = route.template;
    record.params = route.params;
    if (route.value.auth === 'bot' && record.headers.authorization !== `Bot ${this.options.token}`) {
      problems.push(
        record.headers.authorization === undefined
          ? 'missing Authorization header'
          : 'Authorization header is not "Bot <the configured token>"',
      );
      return discordError(401, 0, '401: Unauthorized');
    }
    const failure = this.failures.find((f) => f.remaining > 0 && f.predicate(record));
    if (failure) {
      failure.remaining -= 1;
      const status = failure.options.status ?? 429;
      if (status === 429) return rateLimitReply(failure.options, record.method, route.template);
      return discordError(status, failure.options.code ?? 0, failure.options.message ?? `${status}: ${STATUS_CODES[status] ?? 'Error'}`);
    }
    const call: RestCall = {
      method: record.method,
      path: record.path,
      params: route.params,
      query: record.query,
      body: record.body,
      files: record.files,
      receivedAt,
      problem: (text) => problems.push(text),
    };
    return route.value.handle(call);
  }

  private checkHeaders(record: RecordedRequest): void {
    // Discord rejects clients without a "DiscordBot (url, version)" user agent.
    const agent = record.headers['user-agent'] ?? '';
    if (!/^DiscordBot \(\S+, \S+\)/.test(agent)) record.problems.push(`User-Agent "${agent}" is not of the form "DiscordBot (url, version)"`);
  }
}
