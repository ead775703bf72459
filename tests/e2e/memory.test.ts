/**
 * The bot reads raw payloads only, so discord.js must keep none of what traffic brings: no
 * messages (its own answers come back as MESSAGE_CREATE), no members or users beyond its own.
 */
import { Events, type Message } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { payloads } from './fake-discord/index.js';
import { type Harness, startHarness } from './support/bot-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

it('keeps no messages, members or users in discord.js caches after answering', async () => {
  const { fake, bot } = harness;
  const { world } = fake;
  // Four public answers (each echoed back as MESSAGE_CREATE) and one question by mention.
  const expectedMessages = 6;
  const seen = new Promise<void>((resolve) => {
    let count = 0;
    const onMessage = (_message: Message) => {
      count += 1;
      if (count < expectedMessages) return;
      bot.client.off(Events.MessageCreate, onMessage);
      resolve();
    };
    bot.client.on(Events.MessageCreate, onMessage);
  });
  for (const [term, user] of [['dropout', world.users.alice], ['epoch', world.users.bob], ['softmax', world.users.alice], ['relu', world.users.bob]] as const) {
    const { id } = fake.sendInteraction(payloads.chatInputCommand(world, { name: 'define', options: [payloads.option.string('term', term)], user }));
    await fake.waitForCallback(id);
  }
  fake.dispatch('MESSAGE_CREATE', payloads.messageCreate(world, { content: 'what is batch size?', mentionBot: true }));
  await seen;

  const channel = bot.client.channels.cache.get(world.channels.text.id);
  expect(channel && 'messages' in channel ? channel.messages.cache.size : -1).toBe(0);
  expect([...bot.client.users.cache.keys()]).toEqual([world.botUser.id]);
  expect([...bot.client.guilds.cache.get(world.guild.id)!.members.cache.keys()]).toEqual([world.botUser.id]);
  expect(fake.problems()).toEqual([]);
});
