/**
 * Self-test of the fake Discord: the real discord.js Client logs in against it, receives interactions built
 * by the payload builders, answers them, and the fake checks every request against Discord's OpenAPI spec
 * and documented limits. Also covers rate limits (429 + retry) and gateway resumes after dropped connections.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  ContextMenuCommandBuilder,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  type Interaction,
  type Message,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { payloads, startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord/index.js';
import { WAIT_TIMEOUT_MS } from './fake-discord/waiters.js';

const { option } = payloads;
const CALLBACK = '/interactions/{interaction_id}/{interaction_token}/callback';

let fake: FakeDiscord;
let client: Client;
let handlerErrors: unknown[];

/** The glossary-ish bot the fake is exercised with. */
async function onInteraction(interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === 'define') {
      const term = interaction.options.getString('term', true);
      const embed = new EmbedBuilder()
        .setTitle(term)
        .setDescription(`${term} is a neural network architecture built on self-attention.`)
        .setColor(0x5865f2)
        .addFields({ name: 'Category', value: 'Architectures', inline: true })
        .setFooter({ text: 'AI & ML glossary' });
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`more:${term}`).setLabel('More').setStyle(ButtonStyle.Secondary),
        new ButtonBuilder().setURL('https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)').setLabel('Wikipedia').setStyle(ButtonStyle.Link),
      );
      await interaction.reply({ embeds: [embed], components: [row] });
    } else if (interaction.commandName === 'whois') {
      const user = interaction.options.getUser('who', true);
      const member = interaction.options.getMember('who');
      const ephemeral = interaction.options.getBoolean('private') ?? false;
      await interaction.deferReply({ flags: ephemeral ? MessageFlags.Ephemeral : undefined });
      await interaction.editReply(`${user.username} is ${member ? 'a member' : 'not a member'} (${interaction.inGuild() ? 'guild' : 'dm'})`);
      await interaction.followUp({ content: 'Anything else?', flags: MessageFlags.Ephemeral });
    }
    // Other commands are deliberately left unanswered so tests can drive the callback themselves.
  } else if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused().toLowerCase();
    const terms = ['transformer', 'tokenizer', 'temperature', 'top-p sampling'];
    await interaction.respond(terms.filter((t) => t.startsWith(typed)).map((t) => ({ name: t, value: t })));
  } else if (interaction.isButton()) {
    await interaction.update({ content: `Expanded ${interaction.customId}`, components: [] });
  } else if (interaction.isStringSelectMenu()) {
    const row = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId('pick-again')
        .setPlaceholder('Pick another term')
        .addOptions(interaction.values.map((v) => ({ label: v, value: v }))),
    );
    await interaction.reply({ content: `You picked ${interaction.values.join(', ')}`, components: [row], flags: MessageFlags.Ephemeral });
  } else if (interaction.isMessageContextMenuCommand()) {
    await interaction.reply({ content: `Explaining: ${interaction.targetMessage.content}`, flags: MessageFlags.Ephemeral });
  }
}

async function startClient(): Promise<Client> {
  const bot = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    rest: { api: fake.apiUrl },
  });
  bot.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  bot.on(Events.MessageCreate, (message: Message) => {
    if (message.author.bot || !bot.user || !message.mentions.has(bot.user)) return;
    message.reply(`You asked: ${message.content.replace(/<@\d+>\s*/, '')}`).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = once(bot, Events.ClientReady);
  await bot.login(fake.token);
  await ready;
  return bot;
}

function callbacksFor(id: string): RecordedRequest[] {
  return fake.requests.filter((r) => r.route === CALLBACK && r.params.interaction_id === id);
}

beforeEach(async () => {
  handlerErrors = [];
  fake = await startFakeDiscord({ token: 'test-token', heartbeatIntervalMs: 1000 });
  client = await startClient();
});

afterEach(async () => {
  await client?.destroy();
  await fake?.stop();
  // Self-check of the fake: its own answers must match the responses documented in the spec.
  expect(fake.responseProblems()).toEqual([]);
});

describe('fake Discord with the real discord.js client', () => {
  it('logs in, gets READY + GUILD_CREATE and caches the guild', async () => {
    await fake.waitForReady();
    expect(client.user?.id).toBe(fake.world.botUser.id);
    expect(client.application?.id).toBe(fake.world.applicationId);
    const guild = client.guilds.cache.get(fake.world.guild.id);
    expect(guild?.name).toBe(fake.world.guild.name);
    expect(guild?.channels.cache.get(fake.world.channels.text.id)?.isTextBased()).toBe(true);
    expect(guild?.roles.everyone.id).toBe(fake.world.guild.id);
    expect(guild?.members.me?.id).toBe(fake.world.botUser.id);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /gateway/bot');
    expect(fake.gatewayConnections[0]?.query).toMatchObject({ v: '10', encoding: 'json' });
    // The short heartbeat interval means a heartbeat is sent and acknowledged within about a second; the
    // limit only decides how long a broken heartbeat takes to fail the test.
    await vi.waitFor(() => expect(client.ws.ping).toBeGreaterThanOrEqual(0), { timeout: WAIT_TIMEOUT_MS, interval: 50 });
    expect(fake.problems()).toEqual([]);
  });

  it('answers a slash command with an embed and buttons, and the callback validates clean', async () => {
    const sent = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [option.string('term', 'Transformer')] }));
    const callback = await fake.waitForCallback(sent.id);
    expect(callback.status).toBe(204);
    expect(callback.query).toEqual({ with_response: 'false' });
    expect(callback.body).toMatchObject({
      type: 4,
      data: {
        embeds: [{ title: 'Transformer', fields: [{ name: 'Category', value: 'Architectures', inline: true }], footer: { text: 'AI & ML glossary' } }],
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: ButtonStyle.Secondary, custom_id: 'more:Transformer', label: 'More' },
              { type: 2, style: ButtonStyle.Link, label: 'Wikipedia' },
            ],
          },
        ],
      },
    });
    expect(callback.problems).toEqual([]);
    // Discord echoes the bot's own response as MESSAGE_CREATE; the stored message is what @original returns.
    const original = fake.messages().find((m) => m.interaction_metadata?.id === sent.id);
    expect(original?.type).toBe(20);
    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });

  it('serves deferred replies, @original edits and ephemeral follow-ups, with user options resolved', async () => {
    const sent = fake.sendInteraction(
      payloads.chatInputCommand(fake.world, {
        name: 'whois',
        options: [option.user('who', fake.world.users.bob), option.boolean('private', true)],
      }),
    );
    const followUp = await fake.waitForRequest((r) => r.route === '/webhooks/{webhook_id}/{webhook_token}' && r.status === 200);
    expect(followUp.body).toMatchObject({ content: 'Anything else?', flags: MessageFlags.Ephemeral });
    const edit = fake.requests.find((r) => r.route === '/webhooks/{webhook_id}/{webhook_token}/messages/@original');
    expect(edit?.body).toMatchObject({ content: 'bob.builds is a member (guild)' });
    expect(callbacksFor(sent.id)[0]?.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });

  it('handles autocomplete, buttons, selects, message context menus and DMs', async () => {
    const auto = fake.sendInteraction(
      payloads.autocomplete(fake.world, { name: 'define', options: [option.string('term', 'to')], focused: 'term' }),
    );
    expect((await fake.waitForCallback(auto.id)).body).toEqual({
      type: 8,
      data: { choices: [{ name: 'tokenizer', value: 'tokenizer' }, { name: 'top-p sampling', value: 'top-p sampling' }] },
    });

    const button = fake.sendInteraction(payloads.buttonPress(fake.world, { customId: 'more:Transformer' }));
    expect((await fake.waitForCallback(button.id)).body).toMatchObject({ type: 7, data: { content: 'Expanded more:Transformer', components: [] } });

    const select = fake.sendInteraction(payloads.stringSelect(fake.world, { customId: 'pick', values: ['transformer', 'tokenizer'] }));
    expect((await fake.waitForCallback(select.id)).body).toMatchObject({ type: 4, data: { content: 'You picked transformer, tokenizer' } });

    const menu = fake.sendInteraction(payloads.messageContextMenu(fake.world, { name: 'Explain this' }));
    expect((await fake.waitForCallback(menu.id)).body).toMatchObject({
      type: 4,
      data: { content: 'Explaining: Can someone explain what a transformer is?', flags: MessageFlags.Ephemeral },
    });

    const dm = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'whois', in: 'dm', options: [option.user('who', fake.world.users.bob)] }));
    await fake.waitForRequest((r) => r.route === '/webhooks/{webhook_id}/{webhook_token}' && r.path.includes(dm.token) && r.status === 200);
    const dmEdit = fake.requests.find((r) => r.route?.endsWith('@original') && r.path.includes(dm.token));
    expect(dmEdit?.body).toMatchObject({ content: 'bob.builds is not a member (dm)' });

    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });

  it('delivers a mention as MESSAGE_CREATE and validates the reply', async () => {
    const question = payloads.messageCreate(fake.world, { content: 'what is RLHF?', mentionBot: true });
    fake.dispatch('MESSAGE_CREATE', question);
    const reply = await fake.waitForRequest((r) => r.method === 'POST' && r.route === '/channels/{channel_id}/messages');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ content: 'You asked: what is RLHF?', message_reference: { message_id: question.id } });
    expect(fake.problems()).toEqual([]);
  });

  it('validates command registration and flags a bad command', async () => {
    const define = new SlashCommandBuilder()
      .setName('define')
      .setDescription('Look up a term in the glossary')
      .setDefaultMemberPermissions(PermissionFlagsBits.SendMessages)
      .addStringOption((o) => o.setName('term').setDescription('The term').setRequired(true).setAutocomplete(true));
    const explain = new ContextMenuCommandBuilder().setName('Explain this').setType(ApplicationCommandType.Message);
    await client.application!.commands.set([define.toJSON(), explain.toJSON()]);
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.route === '/applications/{application_id}/commands');
    expect(put.problems).toEqual([]);
    expect(fake.commandId('define')).toMatch(/^\d{17,20}$/);

    await client.application!.commands.set([{ name: 'Define', description: '' }]).catch(() => undefined);
    const bad = await fake.waitForRequest((r) => r.method === 'PUT' && r.seq > put.seq);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        'limit: [0].name "Define" must be lowercase',
        'limit: [0].description is 0 characters (min 1)',
      ]),
    );
  });

  it('flags invalid callback bodies while still answering them', async () => {
    const first = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'noop' }));
    await client.rest.post(Routes.interactionCallback(first.id, first.token), {
      auth: false,
      body: { type: 4, data: { embeds: [{ title: 'x'.repeat(300) }] } },
    });
    const longTitle = await fake.waitForCallback(first.id);
    expect(longTitle.problems).toEqual(
      expect.arrayContaining([
        'spec: /data/embeds/0/title must NOT have more than 256 characters',
        'limit: data: embeds[0].title is 300 characters (max 256)',
      ]),
    );

    const second = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'noop' }));
    const row = { type: 1, components: [{ type: 2, style: 1, label: 'Go', custom_id: 'go' }] };
    await client.rest.post(Routes.interactionCallback(second.id, second.token), {
      auth: false,
      body: { type: 4, data: { content: 'rows', components: Array.from({ length: 6 }, () => row) } },
    });
    const sixRows = await fake.waitForCallback(second.id);
    expect(sixRows.problems).toContain('limit: data: components has 6 action rows (max 5)');
    expect(sixRows.problems).toContain(
      'limit: data: components[1].components[0].custom_id "go" duplicates components[0].components[0]; custom_ids must be unique in a message',
    );

    // Answering twice is refused like Discord does.
    await expect(
      client.rest.post(Routes.interactionCallback(second.id, second.token), { auth: false, body: { type: 4, data: { content: 'again' } } }),
    ).rejects.toMatchObject({ status: 400, code: 40060 });
    await expect(
      client.rest.post(Routes.interactionCallback('1187325208468630000', 'nope'), { auth: false, body: { type: 4, data: { content: '?' } } }),
    ).rejects.toMatchObject({ status: 404, code: 10062 });
    expect(fake.problems().length).toBeGreaterThanOrEqual(5);
  });

  it('answers 401 for a wrong bot token and 404 for unknown routes', async () => {
    await expect(client.rest.get('/users/@me', { headers: { Authorization: 'Bot wrong' }, auth: false })).rejects.toMatchObject({ status: 401 });
    await expect(client.rest.get('/definitely/not/a/route')).rejects.toMatchObject({ status: 404 });
    const problems = fake.problems();
    expect(problems).toContain('GET /users/@me: Authorization header is not "Bot <the configured token>"');
    expect(problems).toContain("GET /definitely/not/a/route: route is not in Discord's OpenAPI spec");
  });

  it('makes discord.js retry a callback after a 429', async () => {
    fake.failNext((r) => r.route === CALLBACK, { status: 429, retryAfterSeconds: 0.2 });
    const sent = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [option.string('term', 'LoRA')] }));
    const done = await fake.waitForCallback(sent.id);
    const attempts = callbacksFor(sent.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]?.response).toEqual({ message: 'You are being rate limited.', retry_after: 0.2, global: false, code: 0 });
    // From when the 429 was written: a lower bound that a slow machine can only make longer.
    expect(done.at - attempts[0]!.respondedAt!).toBeGreaterThanOrEqual(200);
    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });

  it('holds an answer until the test releases it, and records when the request arrived and when it was answered', async () => {
    const held = fake.holdNext((r) => r.method === 'GET' && r.route === '/users/@me');
    let settled = false;
    const fetching = client.rest.get(Routes.user('@me')).finally(() => {
      settled = true;
    });
    const request = await held.arrived;
    expect(request).toMatchObject({ status: 200, respondedAt: undefined });
    // A whole round trip on another route completes while the held answer waits.
    await client.rest.get(Routes.guild(fake.world.guild.id));
    expect(settled).toBe(false);

    held.release();
    expect(await fetching).toMatchObject({ id: fake.world.botUser.id });
    expect(request.respondedAt).toBeGreaterThanOrEqual(request.at);
    // Only the next matching request is held.
    expect(await client.rest.get(Routes.user('@me'))).toMatchObject({ id: fake.world.botUser.id });
    expect(fake.problems()).toEqual([]);
  });

  it('refuses a callback that arrives after the deadline, counted from delivery to the bot', async () => {
    await client.destroy();
    await fake.stop();
    fake = await startFakeDiscord({ token: 'test-token', interactionDeadlineMs: 100 });
    client = await startClient();
    const received = once(client, Events.InteractionCreate);
    const sent = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'noop' }));
    await received;
    // This wait is the behaviour under test, not a stand-in for an event: the bot answers late on purpose,
    // and a slower machine only makes it later.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(
      client.rest.post(Routes.interactionCallback(sent.id, sent.token), { auth: false, body: { type: 4, data: { content: 'too late' } } }),
    ).rejects.toMatchObject({ status: 404, code: 10062 });
    expect(fake.problems()).toEqual([expect.stringMatching(/callback arrived \d+ ms after the interaction was delivered to the bot/)]);
  });

  it("does not count its own time answering an earlier attempt against the bot's 3 s", async () => {
    const received = once(client, Events.InteractionCreate);
    const sent = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'noop' }));
    await received;
    const isCallback = (r: RecordedRequest) => r.route === CALLBACK && r.params.interaction_id === sent.id;
    fake.failNext(isCallback, { retryAfterSeconds: 0.2 });
    const held = fake.holdNext(isCallback);
    const answering = client.rest.post(Routes.interactionCallback(sent.id, sent.token), { auth: false, body: { type: 4, data: { content: 'on time' } } });
    await held.arrived;
    // As above, the wait is the point: the fake takes longer than the whole deadline to answer the first attempt
    // (with a 429), which the bot has to wait for before it can retry.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    held.release();
    await answering;

    const attempts = callbacksFor(sent.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    // By the wall clock the accepted attempt came more than 3 s after delivery; most of that was the fake's.
    const deliveredAt = fake.state.interactions.get(sent.id)?.deliveredAt;
    expect(deliveredAt).toBeDefined();
    expect(attempts[1]!.at - deliveredAt!).toBeGreaterThan(3000);
    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });

  it('resumes after a 4000 close and keeps answering interactions', async () => {
    await fake.waitForReady();
    const resumed = fake.waitForResume();
    fake.closeGateway({ code: 4000 });
    await resumed;
    expect(fake.identifyCount).toBe(1);
    expect(fake.resumeCount).toBe(1);
    expect(fake.gatewayConnections.at(-1)).toMatchObject({ path: '/gateway/resume', resumed: true });

    const sent = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [option.string('term', 'Attention')] }));
    expect((await fake.waitForCallback(sent.id)).status).toBe(204);
    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });

  it('resumes after an abrupt TCP drop and replays the interaction it missed', async () => {
    await fake.waitForReady();
    const resumed = fake.waitForResume();
    fake.closeGateway({ abrupt: true });
    // Dispatched while the bot is disconnected: queued in the session and replayed on RESUME.
    const missed = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [option.string('term', 'Dropout')] }));
    await resumed;
    expect(fake.identifyCount).toBe(1);
    expect((await fake.waitForCallback(missed.id)).status).toBe(204);

    const later = fake.sendInteraction(payloads.chatInputCommand(fake.world, { name: 'define', options: [option.string('term', 'Embedding')] }));
    expect((await fake.waitForCallback(later.id)).status).toBe(204);
    expect(handlerErrors).toEqual([]);
    expect(fake.problems()).toEqual([]);
  });
});
