import { Writable } from 'node:stream';
import type { APIMessage } from 'discord-api-types/v10';
import { startGatewayBot, type GatewayBot } from '../../../src/discord/transport/gateway.js';
import { openGlossary, type OpenGlossary } from '../../../src/glossary/open.js';
import { createLogger } from '../../../src/logger.js';
import { SHIPPED_GLOSSARY_DIR } from '../../../src/paths.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../fake-discord/index.js';
import { WAIT_TIMEOUT_MS, Waiters } from '../fake-discord/waiters.js';

export type LogLine = Record<string, unknown>;

/** Log lines the bot wrote, parsed, and the raw text (to prove the token never appears). */
export class LogCapture extends Writable {
  readonly text: string[] = [];
  private readonly parsed: LogLine[] = [];
  private readonly waiters = new Waiters<LogLine>();

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString();
    this.text.push(text);
    for (const line of text.split('\n').filter(Boolean)) {
      const parsed = JSON.parse(line) as LogLine;
      this.parsed.push(parsed);
      this.waiters.offer(parsed);
    }
    done();
  }

  lines(): LogLine[] {
    return [...this.parsed];
  }

  /**
   * Resolves with the first line (already written or future) matching `predicate`: the bot writes some lines
   * after the request a test waits for has completed, so tests wait for the line itself instead of sleeping.
   */
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<LogLine> {
    const found = this.parsed.find(predicate);
    if (found) return Promise.resolve(found);
    return this.waiters.add(predicate, timeoutMs, () => {
      const recent = this.parsed.slice(-5).map((line) => JSON.stringify(line));
      return `no matching log line within ${timeoutMs} ms; last lines: ${recent.join('\n') || 'none'}`;
    });
  }
}

let shipped: OpenGlossary | undefined;
export async function shippedGlossary(): Promise<OpenGlossary> {
  if (!shipped) {
    const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
    if (!opened.ok) throw new Error('shipped glossary invalid');
    shipped = opened.value;
  }
  return shipped;
}

export interface Harness {
  fake: FakeDiscord;
  bot: GatewayBot;
  logs: LogCapture;
  glossary: OpenGlossary;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  random?: () => number;
  /** Default 'info'; 'debug' also logs the events the bot ignores while shutting down. */
  logLevel?: string;
  /**
   * How long shutdown waits for answers in flight. By default longer than any test runs, so a test decides
   * when an answer finishes (with `fake.holdNext`) and a slow machine cannot make shutdown give up early.
   */
  drainTimeoutMs?: number;
}

/** The real bot (discord.js client, router, handlers) connected to a fresh fake Discord. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord({ token: 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.test.secret-token-value' });
  const logs = new LogCapture();
  const glossary = await shippedGlossary();
  const bot = await startGatewayBot({
    token: fake.token,
    apiUrl: fake.apiUrl,
    logger: createLogger({ level: options.logLevel ?? 'info', pretty: false, secrets: [fake.token], destination: logs }),
    drainTimeoutMs: options.drainTimeoutMs ?? 120_000,
    context: { glossary: glossary.glossary, engine: glossary.engine, random: options.random ?? (() => 0) },
  });
  await fake.waitForReady();
  return {
    fake,
    bot,
    logs,
    glossary,
    async stop() {
      await bot.shutdown();
      await fake.stop();
    },
  };
}

const CALLBACK = '/interactions/{interaction_id}/{interaction_token}/callback';

/** The callback body the bot sent for one interaction. */
export async function callbackBody(fake: FakeDiscord, interactionId: string): Promise<{ type: number; data?: Record<string, any> }> {
  const request = await fake.waitForCallback(interactionId);
  return request.body as { type: number; data?: Record<string, any> };
}

export function callbacks(fake: FakeDiscord): RecordedRequest[] {
  return fake.requests.filter((request) => request.route === CALLBACK);
}

/** The message Discord created from an interaction's reply, as later clicks will carry it. */
export function messageFromInteraction(fake: FakeDiscord, interactionId: string): APIMessage {
  const message = fake.messages().find((candidate) => candidate.interaction_metadata?.id === interactionId);
  if (!message) throw new Error(`no message was created for interaction ${interactionId}`);
  return message;
}
