import { Writable } from 'node:stream';
import type { APIMessage } from 'discord-api-types/v10';
import { startGatewayBot, type GatewayBot } from '../../../src/discord/transport/gateway.js';
import { openGlossary, type OpenGlossary } from '../../../src/glossary/open.js';
import { createLogger } from '../../../src/logger.js';
import { SHIPPED_GLOSSARY_DIR } from '../../../src/paths.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../fake-discord/index.js';

/** Log lines the bot wrote, parsed, and the raw text (to prove the token never appears). */
export class LogCapture extends Writable {
  readonly text: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text.push(chunk.toString());
    done();
  }
  lines(): Array<Record<string, unknown>> {
    return this.text.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as Record<string, unknown>);
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

/** The real bot (discord.js client, router, handlers) connected to a fresh fake Discord. */
export async function startHarness(options: { random?: () => number } = {}): Promise<Harness> {
  const fake = await startFakeDiscord({ token: 'MTE4NzMyNDg3MDE0MzI2Mjc3MA.test.secret-token-value' });
  const logs = new LogCapture();
  const glossary = await shippedGlossary();
  const bot = await startGatewayBot({
    token: fake.token,
    apiUrl: fake.apiUrl,
    logger: createLogger({ level: 'info', pretty: false, secrets: [fake.token], destination: logs }),
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
