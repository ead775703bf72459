/**
 * End to end: the real discord.js client and the bot's router and handlers, against the local fake
 * Discord. Every request body the bot sends is validated against Discord's OpenAPI spec and its
 * documented limits by the fake; afterEach fails the test on any problem.
 */
import { ButtonStyle, ComponentType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { payloads } from './fake-discord/index.js';
import { callbackBody, callbacks, type Harness, messageFromInteraction, startHarness } from './support/bot-harness.js';

const { option } = payloads;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});
afterEach(() => {
  expect(harness.fake.problems()).toEqual([]);
});

const define = (term: string, extra: ReturnType<typeof option.string>[] = [], user = harness.fake.world.users.alice) =>
  harness.fake.sendInteraction(payloads.chatInputCommand(harness.fake.world, { name: 'define', options: [option.string('term', term), ...extra], user }));

const buttonsOf = (data: Record<string, any> | undefined) =>
  (data?.components ?? []).flatMap((row: { components: Array<Record<string, any>> }) => row.components).filter((c: { type: number }) => c.type === ComponentType.Button);

describe('/define', () => {
  it('answers an exact term with the entry embed, category colour and related-term buttons', async () => {
    const { id } = define('Batch Size');
    const body = await callbackBody(harness.fake, id);
    expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const embed = body.data!.embeds[0];
    expect(embed.title).toBe('Batch Size');
    const entry = harness.glossary.glossary.entries.get('batch-size')!;
    expect(embed.description).toContain(entry.definition);
    expect(embed.description).toContain(entry.explanation.slice(0, 60));
    expect(embed.color).toBe(Number.parseInt(harness.glossary.glossary.categories.get('deep-learning')!.color.slice(1), 16));
    expect(embed.fields).toContainEqual(expect.objectContaining({ name: 'Category', value: 'Deep Learning' }));
    const labels = buttonsOf(body.data).map((button: { label: string }) => button.label);
    expect(labels).toEqual(expect.arrayContaining(['Learning Rate', 'Epoch', 'Adam Optimizer']));
    expect(body.data!.allowed_mentions).toEqual({ parse: [] });
    expect(body.data!.flags).toBeUndefined();
  });

  it('answers an alias, and a typo through the fuzzy tier with a note saying so', async () => {
    const alias = await callbackBody(harness.fake, define('LLM').id);
    expect(alias.data!.embeds[0].title).toBe('Large Language Model');
    const typo = await callbackBody(harness.fake, define('overfiting').id);
    expect(typo.data!.embeds[0].title).toBe('Overfitting');
    expect(typo.data!.embeds[0].footer.text).toMatch(/for “overfiting”/);
  });

  it('says privately that nothing matches instead of guessing, with did-you-mean buttons', async () => {
    const miss = await callbackBody(harness.fake, define('pizza recipe').id);
    expect(miss.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(miss.data!.embeds[0].description).toMatch(/No term matches “pizza recipe”/);
    expect(miss.data!.embeds[0].title).toBeUndefined();

    const ambiguous = await callbackBody(harness.fake, define('top k').id);
    expect(ambiguous.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(buttonsOf(ambiguous.data).map((button: { label: string }) => button.label)).toEqual(expect.arrayContaining(['Top-k Accuracy', 'Top-k Sampling']));
  });

  it('hides the answer with hide, and pings only the mentioned user with mention', async () => {
    const hidden = await callbackBody(harness.fake, define('dropout', [option.boolean('hide', true)]).id);
    expect(hidden.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(hidden.data!.embeds[0].title).toBe('Dropout');

    const bob = harness.fake.world.users.bob;
    const pointed = await callbackBody(harness.fake, define('dropout', [option.user('mention', bob)]).id);
    expect(pointed.data!.content).toContain(`<@${bob.id}>`);
    expect(pointed.data!.allowed_mentions).toEqual({ parse: [], users: [bob.id] });
    expect(pointed.data!.flags).toBeUndefined();
  });

  it('never lets text from a user ping @everyone or roles', async () => {
    const sneaky = await callbackBody(harness.fake, define('@everyone <@&123456789012345678> pizza').id);
    expect(sneaky.data!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(sneaky.data)).not.toMatch(/(?<!\\)@everyone/);
  });
});

describe('autocomplete', () => {
  const complete = (typed: string) =>
    harness.fake.sendInteraction(payloads.autocomplete(harness.fake.world, { name: 'define', options: [option.string('term', typed)], focused: 'term' }));

  it('suggests terms starting with what was typed, the exact match first', async () => {
    const body = await callbackBody(harness.fake, complete('gradient').id);
    expect(body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const values = body.data!.choices.map((choice: { value: string }) => choice.value);
    expect(values.length).toBeLessThanOrEqual(25);
    expect(values).toEqual(expect.arrayContaining(['gradient-descent', 'gradient-boosting', 'gradient-clipping']));
  });

  it('forgives a typo while typing', async () => {
    const body = await callbackBody(harness.fake, complete('transfomer').id);
    expect(body.data!.choices[0]).toEqual({ name: 'Transformer', value: 'transformer' });
  });

  it('offers a default list for empty input', async () => {
    const body = await callbackBody(harness.fake, complete('').id);
    expect(body.data!.choices).toHaveLength(25);
  });

  it('resolves a picked suggestion by its id', async () => {
    const body = await callbackBody(harness.fake, define('k-nearest-neighbors').id);
    expect(body.data!.embeds[0].title).toBe('K-Nearest Neighbors');
  });
});

describe('related-term buttons', () => {
  it('updates the asker’s own answer in place with a way back, and answers anyone else privately', async () => {
    const { world } = harness.fake;
    const asked = define('Batch Size');
    const first = await callbackBody(harness.fake, asked.id);
    const epochButton = buttonsOf(first.data).find((button: { label: string }) => button.label === 'Epoch');
    const message = messageFromInteraction(harness.fake, asked.id);

    const own = harness.fake.sendInteraction(payloads.buttonPress(world, { customId: epochButton.custom_id, message, user: world.users.alice }));
    const updated = await callbackBody(harness.fake, own.id);
    expect(updated.type).toBe(InteractionResponseType.UpdateMessage);
    expect(updated.data!.embeds[0].title).toBe('Epoch');
    const back = buttonsOf(updated.data).find((button: { label: string }) => button.label.startsWith('Back to'));
    expect(back.label).toBe('Back to Batch Size');
    expect(back.style).toBe(ButtonStyle.Primary);

    const returned = await callbackBody(
      harness.fake,
      harness.fake.sendInteraction(payloads.buttonPress(world, { customId: back.custom_id, message, user: world.users.alice })).id,
    );
    expect(returned.type).toBe(InteractionResponseType.UpdateMessage);
    expect(returned.data!.embeds[0].title).toBe('Batch Size');

    const other = harness.fake.sendInteraction(payloads.buttonPress(world, { customId: epochButton.custom_id, message, user: world.users.bob }));
    const privateCopy = await callbackBody(harness.fake, other.id);
    expect(privateCopy.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(privateCopy.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(privateCopy.data!.embeds[0].title).toBe('Epoch');
  });

  it('refuses a forged or stale custom_id politely and changes nothing', async () => {
    const { world } = harness.fake;
    for (const [customId, expected] of [
      ['g1:t:../../etc/passwd', /not one I recognise/],
      ['g1:t:no-such-term', /no longer in the glossary/],
      ['g0:t:dropout', /older version/],
      ['hello', /not one I recognise/],
    ] as const) {
      const body = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.buttonPress(world, { customId })).id);
      expect(body.type, customId).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(body.data!.flags).toBe(MessageFlags.Ephemeral);
      expect(body.data!.content).toMatch(expected);
    }
  });
});

describe('/search, /browse, /random, /help', () => {
  it('/search ranks full-text matches and its menu opens one privately', async () => {
    const { world } = harness.fake;
    const searched = harness.fake.sendInteraction(payloads.chatInputCommand(world, { name: 'search', options: [option.string('text', 'penalty on large weights')] }));
    const results = await callbackBody(harness.fake, searched.id);
    const menu = results.data!.components[0].components[0];
    expect(menu.type).toBe(ComponentType.StringSelect);
    const values: string[] = menu.options.map((o: { value: string }) => o.value);
    expect(values.slice(0, 5)).toContain('l2-regularization');

    const message = messageFromInteraction(harness.fake, searched.id);
    const picked = await callbackBody(
      harness.fake,
      harness.fake.sendInteraction(payloads.stringSelect(world, { customId: menu.custom_id, values: ['l2-regularization'], message })).id,
    );
    expect(picked.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(picked.data!.embeds[0].title).toBe('L2 Regularization');

    const none = await callbackBody(
      harness.fake,
      harness.fake.sendInteraction(payloads.chatInputCommand(world, { name: 'search', options: [option.string('text', 'zzzqqq')] })).id,
    );
    expect(none.data!.flags).toBe(MessageFlags.Ephemeral);
  });

  it('/browse lists categories, then pages one to the end and back', async () => {
    const { world } = harness.fake;
    const overview = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.chatInputCommand(world, { name: 'browse' })).id);
    expect(overview.data!.embeds[0].description).toMatch(/Deep Learning\*\* \(\d+ terms\)/);

    const asked = harness.fake.sendInteraction(payloads.chatInputCommand(world, { name: 'browse', options: [option.string('category', 'deep-learning')] }));
    let page = await callbackBody(harness.fake, asked.id);
    const message = messageFromInteraction(harness.fake, asked.id);
    const total = [...harness.glossary.glossary.entries.values()].filter((entry) => entry.category === 'deep-learning').length;
    const pages = Math.ceil(total / 20);
    expect(pages).toBeGreaterThan(1);
    expect(page.data!.embeds[0].footer.text).toBe(`Page 1 of ${pages} · ${total} terms, A–Z`);
    const seen = new Set<string>();
    const button = (label: string) => buttonsOf(page.data).find((candidate: { label: string }) => candidate.label === label);
    for (let number = 2; number <= pages; number++) {
      for (const line of page.data!.embeds[0].description.split('\n')) seen.add(line);
      page = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.buttonPress(world, { customId: button('Next ▶').custom_id, message })).id);
      expect(page.type).toBe(InteractionResponseType.UpdateMessage);
      expect(page.data!.embeds[0].footer.text).toMatch(new RegExp(`^Page ${number} of ${pages}`));
    }
    for (const line of page.data!.embeds[0].description.split('\n')) seen.add(line);
    expect(seen.size).toBe(total);
    expect(button('Next ▶').disabled).toBe(true);
    for (let number = pages - 1; number >= 1; number--) {
      page = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.buttonPress(world, { customId: button('◀ Previous').custom_id, message })).id);
      expect(page.data!.embeds[0].footer.text).toMatch(new RegExp(`^Page ${number} of`));
    }
    expect(button('◀ Previous').disabled).toBe(true);
  });

  it('/random answers with a term in the same format', async () => {
    const body = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.chatInputCommand(harness.fake.world, { name: 'random', options: [option.string('category', 'rl')] })).id);
    const rlTerms = [...harness.glossary.glossary.entries.values()].filter((entry) => entry.category === 'rl').map((entry) => entry.term);
    expect(rlTerms).toContain(body.data!.embeds[0].title);
  });

  it('/help explains every command, privately', async () => {
    const body = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.chatInputCommand(harness.fake.world, { name: 'help' })).id);
    expect(body.data!.flags).toBe(MessageFlags.Ephemeral);
    const names = body.data!.embeds[0].fields.map((field: { name: string }) => field.name).join(' ');
    for (const command of ['/define', '/search', '/browse', '/random', 'Explain terms', 'mention']) expect(names).toContain(command);
  });

  it('answers an unknown command instead of dropping it', async () => {
    const body = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.chatInputCommand(harness.fake.world, { name: 'quiz' })).id);
    expect(body.data!.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data!.content).toMatch(/do not know that command/);
  });

  it('works in DMs for people who installed the app to their account', async () => {
    const body = await callbackBody(
      harness.fake,
      harness.fake.sendInteraction(payloads.chatInputCommand(harness.fake.world, { name: 'define', in: 'dm', options: [option.string('term', 'GAN')] })).id,
    );
    expect(body.data!.embeds[0].title).toBe('Generative Adversarial Network');
  });
});

describe('Explain terms and asking by mention', () => {
  it('the message menu lists the glossary terms a message uses', async () => {
    const { world } = harness.fake;
    const target = payloads.userMessage(world, { content: 'We added dropout and batch normalization, and the LLM still overfits.', author: world.users.bob });
    const body = await callbackBody(harness.fake, harness.fake.sendInteraction(payloads.messageContextMenu(world, { name: 'Explain terms', target })).id);
    expect(body.data!.flags).toBe(MessageFlags.Ephemeral);
    const labels = buttonsOf(body.data).map((button: { label: string }) => button.label);
    expect(labels).toEqual(expect.arrayContaining(['Dropout', 'Batch Normalization', 'Large Language Model']));
  });

  it('replies to "@bot what is batch size?" with the entry, pinging nobody', async () => {
    const { world } = harness.fake;
    const before = harness.fake.requests.length;
    harness.fake.dispatch('MESSAGE_CREATE', payloads.messageCreate(world, { content: 'what is batch size?', mentionBot: true }));
    const sent = await harness.fake.waitForRequest((request) => request.seq > before && request.route === '/channels/{channel_id}/messages' && request.method === 'POST');
    const body = sent.body as Record<string, any>;
    expect(body.embeds[0].title).toBe('Batch Size');
    expect(body.message_reference.message_id).toBeDefined();
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('ignores messages that do not mention it', async () => {
    const before = harness.fake.requests.length;
    harness.fake.dispatch('MESSAGE_CREATE', payloads.messageCreate(harness.fake.world, { content: 'what is batch size?' }));
    const marker = harness.fake.sendInteraction(payloads.chatInputCommand(harness.fake.world, { name: 'help' }));
    await harness.fake.waitForCallback(marker.id);
    expect(harness.fake.requests.slice(before).filter((request) => request.route === '/channels/{channel_id}/messages')).toEqual([]);
  });
});

describe('understanding how students ask', () => {
  const definitionOf = (id: string) => harness.glossary.glossary.entries.get(id)!.definition;
  const labelsOf = (data: Record<string, any> | undefined) => buttonsOf(data).map((button: { label: string }) => button.label);

  it('answers a question with context words, saying which term it found', async () => {
    const dropout = await callbackBody(harness.fake, define('is dropout only used in training?').id);
    expect(dropout.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(dropout.data!.flags).toBeUndefined();
    expect(dropout.data!.embeds[0].title).toBe('Dropout');
    expect(dropout.data!.embeds[0].description).toContain(definitionOf('dropout'));
    expect(dropout.data!.embeds[0].footer.text).toBe('Showing “Dropout”, the term found in “is dropout only used in training?”.');

    const leaky = await callbackBody(harness.fake, define('leaky relu activation').id);
    expect(leaky.data!.embeds[0].title).toBe('Leaky ReLU');
    expect(leaky.data!.embeds[0].footer.text).toBe('Showing “Leaky ReLU”, the term found in “leaky relu activation”.');
  });

  it('answers another form of a term’s words', async () => {
    for (const [typed, term] of [
      ['distilled', 'Knowledge Distillation'],
      ['finetuned', 'Fine-Tuning'],
      ['augmenting data', 'Data Augmentation'],
    ] as const) {
      const body = await callbackBody(harness.fake, define(typed).id);
      expect(body.data!.flags, typed).toBeUndefined();
      expect(body.data!.embeds[0].title, typed).toBe(term);
      expect(body.data!.embeds[0].footer.text, typed).toBe(`Showing “${term}” for “${typed}”.`);
    }
  });

  it('compares two terms side by side, and each button opens its entry privately for anyone without editing the comparison', async () => {
    const { world } = harness.fake;
    const asked = define('difference between bagging and boosting');
    const body = await callbackBody(harness.fake, asked.id);
    expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(body.data!.flags).toBeUndefined();
    expect(body.data!.allowed_mentions).toEqual({ parse: [] });
    expect(body.data!.embeds).toHaveLength(1);
    const embed = body.data!.embeds[0];
    expect(embed.title).toBe('Bagging vs Boosting');
    expect(embed.fields).toEqual([
      { name: 'Bagging · Classical Algorithms', value: definitionOf('bagging') },
      { name: 'Boosting · Classical Algorithms', value: definitionOf('boosting') },
    ]);
    expect(embed.footer.text).toBe('Comparing “Bagging” and “Boosting” for “difference between bagging and boosting”.');
    expect(body.data!.components).toHaveLength(1);
    const buttons = buttonsOf(body.data);
    expect(buttons.map((button: { label: string }) => button.label)).toEqual(['Open Bagging', 'Open Boosting']);
    expect(buttons.map((button: { custom_id: string }) => button.custom_id)).toEqual(['g1:e:bagging', 'g1:e:boosting']);

    const message = messageFromInteraction(harness.fake, asked.id);
    const shown = JSON.parse(JSON.stringify(message));
    const before = harness.fake.requests.length;
    for (const user of [world.users.alice, world.users.bob]) {
      for (const [button, term, id] of [
        [buttons[0], 'Bagging', 'bagging'],
        [buttons[1], 'Boosting', 'boosting'],
      ] as const) {
        const clicked = await callbackBody(
          harness.fake,
          harness.fake.sendInteraction(payloads.buttonPress(world, { customId: button.custom_id, message, user })).id,
        );
        expect(clicked.type, `${user.username} opens ${term}`).toBe(InteractionResponseType.ChannelMessageWithSource);
        expect(clicked.data!.flags).toBe(MessageFlags.Ephemeral);
        expect(clicked.data!.embeds[0].title).toBe(term);
        expect(clicked.data!.embeds[0].description).toContain(definitionOf(id));
      }
    }
    // The comparison stays as it was for everyone reading along: no edit of any kind reached the fake.
    const since = harness.fake.requests.slice(before);
    expect(since.filter((request) => request.method === 'PATCH' || request.method === 'DELETE')).toEqual([]);
    expect(since.filter((request) => (request.body as { type?: number } | undefined)?.type === InteractionResponseType.UpdateMessage)).toEqual([]);
    expect(messageFromInteraction(harness.fake, asked.id)).toEqual(shown);
  });

  it('says privately that a near-miss concept the glossary lacks is not there, instead of answering its neighbour', async () => {
    for (const [typed, neighbour, id] of [
      ['brier score', 'BLEU Score', 'bleu-score'],
      ['ridge classifier', 'Classification', 'classification'],
    ] as const) {
      const body = await callbackBody(harness.fake, define(typed).id);
      expect(body.data!.flags, typed).toBe(MessageFlags.Ephemeral);
      expect(body.data!.embeds).toHaveLength(1);
      expect(body.data!.embeds[0].title, typed).toBeUndefined();
      expect(body.data!.embeds[0].description).toMatch(new RegExp(`^No term matches “${typed}”`));
      expect(body.data!.embeds[0].fields ?? []).toEqual([]);
      // The neighbour may be offered as a did-you-mean button, never given as the answer.
      expect(JSON.stringify(body.data)).not.toContain(definitionOf(id).slice(0, 40));
      expect(body.data!.embeds[0].description).toContain('Did you mean one of these?');
      expect(labelsOf(body.data)).toContain(neighbour);
    }
  });

  it('autocomplete offers a comparison, and picking it answers the comparison', async () => {
    const completed = await callbackBody(
      harness.fake,
      harness.fake.sendInteraction(
        payloads.autocomplete(harness.fake.world, { name: 'define', options: [option.string('term', 'gradient descent vs adam')], focused: 'term' }),
      ).id,
    );
    expect(completed.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(completed.data!.choices).toContainEqual({ name: 'Gradient Descent vs Adam Optimizer', value: 'gradient-descent vs adam-optimizer' });

    const picked = await callbackBody(harness.fake, define('gradient-descent vs adam-optimizer').id);
    expect(picked.data!.flags).toBeUndefined();
    const embed = picked.data!.embeds[0];
    expect(embed.title).toBe('Gradient Descent vs Adam Optimizer');
    expect(embed.fields.map((field: { name: string }) => field.name)).toEqual(['Gradient Descent · Machine Learning Fundamentals', 'Adam Optimizer · Deep Learning']);
    expect(labelsOf(picked.data)).toEqual(['Open Gradient Descent', 'Open Adam Optimizer']);
  });

  it('answers a typed "A vs A" (shaped like an autocomplete value) in a way Discord accepts, not as a term compared with itself', async () => {
    const body = await callbackBody(harness.fake, define('dropout vs dropout').id);
    expect(body.data!.embeds[0].title).not.toBe('Dropout vs Dropout');
    expect(JSON.stringify(body.data)).toContain('Dropout');
    const ids = buttonsOf(body.data).map((button: { custom_id: string }) => button.custom_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('replies to "@bot what\'s the difference between precision and recall?" with the comparison, pinging nobody', async () => {
    const { world } = harness.fake;
    const before = harness.fake.requests.length;
    const question = "what's the difference between precision and recall?";
    harness.fake.dispatch('MESSAGE_CREATE', payloads.messageCreate(world, { content: question, mentionBot: true, author: world.users.bob }));
    const sent = await harness.fake.waitForRequest((request) => request.seq > before && request.route === '/channels/{channel_id}/messages' && request.method === 'POST');
    const body = sent.body as Record<string, any>;
    expect(body.embeds[0].title).toBe('Precision vs Recall');
    expect(body.embeds[0].fields).toEqual([
      { name: 'Precision · Evaluation & Metrics', value: definitionOf('precision') },
      { name: 'Recall · Evaluation & Metrics', value: definitionOf('recall') },
    ]);
    expect(body.embeds[0].footer.text).toBe(`Comparing “Precision” and “Recall” for “${question}”.`);
    expect(labelsOf(body)).toEqual(['Open Precision', 'Open Recall']);
    expect(body.message_reference.message_id).toBeDefined();
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('resilience', () => {
  it('retries an interaction callback after a 429, waiting as told, and still answers', async () => {
    harness.fake.failNext((request) => request.route === '/interactions/{interaction_id}/{interaction_token}/callback', { status: 429, retryAfterSeconds: 0.2 });
    const { id } = define('epoch');
    const body = await callbackBody(harness.fake, id);
    expect(body.data!.embeds[0].title).toBe('Epoch');
    const attempts = callbacks(harness.fake).filter((request) => request.params.interaction_id === id);
    expect(attempts.map((request) => request.status)).toEqual([429, 204]);
    // A lower bound only, from when the 429 was written: a slow machine makes the gap longer, never shorter.
    expect(attempts[1]!.at - attempts[0]!.respondedAt!).toBeGreaterThanOrEqual(200);
  });

  it.each([
    ['a resumable close (4000)', { code: 4000 }],
    ['an abrupt disconnect', { abrupt: true }],
  ])('resumes after %s and answers again', async (_label, close) => {
    const resumes = harness.fake.resumeCount;
    harness.fake.closeGateway(close);
    await harness.fake.waitForResume(resumes + 1, 10_000);
    const body = await callbackBody(harness.fake, define('softmax').id);
    expect(body.data!.embeds[0].title).toBe('Softmax');
  });

  it('logs one line per interaction with command, user, latency and outcome, and never the token', async () => {
    const { id } = define('ReLU');
    // The bot writes the line once Discord has answered its callback, so wait for the line itself.
    const line = await harness.logs.waitFor((candidate) => candidate.msg === 'interaction' && candidate.interactionId === id);
    expect(line).toMatchObject({ command: 'define', userId: harness.fake.world.users.alice.id, outcome: 'ok', latencyMs: expect.any(Number) });
    // One line per interaction: no interaction of this file (each answered through the same bot) is logged twice.
    const logged = harness.logs.lines().filter((candidate) => candidate.msg === 'interaction').map((candidate) => candidate.interactionId);
    expect(logged.filter((interactionId) => interactionId === id)).toHaveLength(1);
    expect(logged.length).toBeGreaterThan(10);
    expect(new Set(logged).size).toBe(logged.length);
    expect(harness.logs.text.join('')).not.toContain(harness.fake.token);
  });
});
