import { afterEach, expect, it } from 'vitest';
import { payloads } from './fake-discord/index.js';
import { callbackBody, type Harness, startHarness } from './support/bot-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.stop();
});

it('shutdown finishes the answer in flight, ignores new work, then disconnects', async () => {
  harness = await startHarness();
  const { fake, bot } = harness;
  // Hold the in-flight answer back with a rate limit so shutdown has something to wait for.
  fake.failNext((request) => request.route === '/interactions/{interaction_id}/{interaction_token}/callback', { status: 429, retryAfterSeconds: 0.5 });
  const inFlight = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [payloads.option.string('term', 'dropout')] }));
  await fake.waitForRequest((request) => request.params.interaction_id === inFlight.id && request.status === 429);

  const stopped = bot.shutdown();
  const late = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'help' }));
  await stopped;

  expect((await callbackBody(fake, inFlight.id)).data!.embeds[0].title).toBe('Dropout');
  expect(fake.requests.some((request) => request.params.interaction_id === late.id)).toBe(false);
  expect(bot.client.isReady()).toBe(false);
  expect(fake.problems()).toEqual([]);
});
