/**
 * Graceful shutdown of the real bot against the fake Discord. The answer in flight is kept back with
 * `fake.holdNext`, so the test, not the speed of the machine, decides how long it stays in flight.
 */
import { afterEach, expect, it } from 'vitest';
import { payloads } from './fake-discord/index.js';
import { type Harness, type LogLine, startHarness } from './support/bot-harness.js';

const CALLBACK = '/interactions/{interaction_id}/{interaction_token}/callback';
let harness: Harness | undefined;
afterEach(async () => {
  // Lets go of any answer still held, so a bot still waiting for it can finish.
  await harness?.fake.stop();
  harness = undefined;
});

const gaveUp = (line: LogLine) => line.msg === 'shutdown: gave up waiting for in-flight answers';

it('shutdown finishes the answer in flight, ignores new work, then disconnects', async () => {
  // At debug level the bot logs each event it ignores while shutting down; the test waits for that line.
  harness = await startHarness({ logLevel: 'debug' });
  const { fake, bot, logs } = harness;
  const question = payloads.chatInputCommand(fake.world, { name: 'define', options: [payloads.option.string('term', 'dropout')] });
  const held = fake.holdNext((request) => request.route === CALLBACK && request.params.interaction_id === question.id);
  fake.sendInteraction(question);
  const answer = await held.arrived;

  let finished = false;
  const stopped = bot.shutdown().then(() => {
    finished = true;
  });
  const late = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'help' }));
  await logs.waitFor((line) => line.msg === 'shutting down: event ignored' && line.event === 'INTERACTION_CREATE');
  // The late interaction reached the bot and was dropped, and shutdown is still waiting for the held answer.
  expect(finished).toBe(false);
  expect(bot.client.isReady()).toBe(true);

  held.release();
  await stopped;
  expect(answer.status).toBe(204);
  expect((answer.body as { data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toBe('Dropout');
  // The bot logs an answer once Discord has accepted it; that happened before shutdown finished.
  expect(logs.lines()).toContainEqual(expect.objectContaining({ msg: 'interaction', interactionId: question.id, outcome: 'ok' }));
  expect(logs.lines().some(gaveUp)).toBe(false);
  expect(fake.requests.some((request) => request.params.interaction_id === late.id)).toBe(false);
  expect(bot.client.isReady()).toBe(false);
  expect(fake.problems()).toEqual([]);
});

it('shutdown stops waiting for an answer that never finishes after drainTimeoutMs, and still disconnects', async () => {
  harness = await startHarness({ drainTimeoutMs: 100 });
  const { fake, bot, logs } = harness;
  // Never released during the test: the answer stays in flight for longer than any drain limit.
  const held = fake.holdNext((request) => request.route === CALLBACK);
  fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'help' }));
  await held.arrived;

  await bot.shutdown();
  expect(logs.lines().filter(gaveUp)).toEqual([expect.objectContaining({ pending: 1 })]);
  expect(bot.client.isReady()).toBe(false);
});
