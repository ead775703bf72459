import {
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { handleComponent } from '../../src/discord/components.js';
import type { BotContext } from '../../src/discord/context.js';
import { decodeCustomId } from '../../src/discord/custom-id.js';
import { clickedByOwner } from '../../src/discord/interaction.js';
import { answerMention } from '../../src/discord/mention.js';
import { renderEntry } from '../../src/discord/render/entry.js';
import { renderCategoryOverview, renderCategoryPage } from '../../src/discord/render/lists.js';
import { quote } from '../../src/discord/responses.js';
import { APOLOGY, route } from '../../src/discord/router.js';
import { DISCORD_LIMITS } from '../../src/glossary/limits.js';
import { openGlossary } from '../../src/glossary/open.js';
import { SHIPPED_GLOSSARY_DIR } from '../../src/paths.js';

let context: BotContext;
beforeAll(async () => {
  const opened = await openGlossary([SHIPPED_GLOSSARY_DIR]);
  if (!opened.ok) throw new Error('invalid glossary');
  context = { glossary: opened.value.glossary, engine: opened.value.engine, random: () => 0.5 };
});

const ASKER = '111111111111111111';
const OTHER = '222222222222222222';

function command(name: string, options: Array<{ name: string; type: ApplicationCommandOptionType; value: string | boolean }>): APIChatInputApplicationCommandInteraction {
  return {
    id: '1', application_id: '2', token: 't', version: 1, type: InteractionType.ApplicationCommand, locale: 'en-US', app_permissions: '0', entitlements: [], authorizing_integration_owners: {}, attachment_size_limit: 1, channel_id: '3',
    user: { id: ASKER, username: 'a', discriminator: '0', global_name: null, avatar: null },
    data: { id: '4', name, type: ApplicationCommandType.ChatInput, options: options as never },
  } as unknown as APIChatInputApplicationCommandInteraction;
}

function click(customId: string, by: string, owner: string, flags = 0): APIMessageComponentInteraction {
  return {
    id: '1', application_id: '2', token: 't', version: 1, type: InteractionType.MessageComponent, locale: 'en-US', app_permissions: '0', entitlements: [], authorizing_integration_owners: {}, attachment_size_limit: 1, channel_id: '3',
    user: { id: by, username: 'b', discriminator: '0', global_name: null, avatar: null },
    message: { id: '9', flags, interaction_metadata: { id: '8', type: 2, user: { id: owner }, authorizing_integration_owners: {} } },
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as unknown as APIMessageComponentInteraction;
}

describe('entry renderer', () => {
  it('renders every shipped entry within Discord limits, with unique custom_ids that decode', () => {
    for (const entry of context.glossary.entries.values()) {
      const view = renderEntry(entry, context, { trail: ['reinforcement-learning-from-human-feedback', 'retrieval-augmented-generation', 'batch-size'] });
      const embed = view.embeds[0]!;
      const total = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])].join('').length;
      expect(total, entry.id).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      expect(view.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
      const ids = view.components.flatMap((row) => row.components.map((component) => ('custom_id' in component ? component.custom_id : '')));
      expect(new Set(ids).size, entry.id).toBe(ids.length);
      for (const id of ids) {
        expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        expect(decodeCustomId(id).ok).toBe(true);
      }
    }
  });

  it('offers one button per related term and a back button only when there is somewhere to go back to', () => {
    const entry = context.glossary.entries.get('batch-size')!;
    const fresh = renderEntry(entry, context);
    expect(fresh.components.flatMap((row) => row.components)).toHaveLength(entry.related.length);
    const navigated = renderEntry(entry, context, { trail: ['epoch'] });
    expect(navigated.components.at(-1)!.components[0]).toMatchObject({ label: 'Back to Epoch' });
  });

  it('pages every category without duplicate custom_ids, even a one-page category', () => {
    for (const category of context.glossary.categories.keys()) {
      const view = renderCategoryPage(context, category, 0)!;
      const ids = view.components.flatMap((row) => row.components.map((component) => ('custom_id' in component ? component.custom_id : '')));
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(renderCategoryPage(context, 'deep-learning', 999)!.embeds[0]!.footer!.text).toMatch(/^Page 2 of 2/);
    expect(renderCategoryPage(context, 'nope', 0)).toBeUndefined();
    expect(renderCategoryOverview(context).components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
  });
});

describe('handlers', () => {
  const define = COMMANDS.find((candidate) => candidate.name === 'define')!;

  it('/define with hide ignores mention, since a hidden answer cannot notify anyone', () => {
    const response = define.execute(command('define', [
      { name: 'term', type: ApplicationCommandOptionType.String, value: 'dropout' },
      { name: 'hide', type: ApplicationCommandOptionType.Boolean, value: true },
      { name: 'mention', type: ApplicationCommandOptionType.User, value: OTHER },
    ]), context);
    expect(response).toMatchObject({ data: { flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } });
    expect(JSON.stringify(response)).not.toContain(OTHER);
  });

  it('a click by the asker updates in place; by anyone else, answers privately; on an ephemeral message, always in place', () => {
    expect(clickedByOwner(click('g1:t:epoch', ASKER, ASKER))).toBe(true);
    expect(clickedByOwner(click('g1:t:epoch', OTHER, ASKER))).toBe(false);
    expect(clickedByOwner(click('g1:t:epoch', OTHER, ASKER, MessageFlags.Ephemeral))).toBe(true);
    expect(handleComponent(click('g1:t:epoch', ASKER, ASKER), context).type).toBe(InteractionResponseType.UpdateMessage);
    expect(handleComponent(click('g1:t:epoch', OTHER, ASKER), context)).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
  });

  it('a pick with a forged value is refused', () => {
    const forged = { ...click('g1:o', ASKER, ASKER), data: { custom_id: 'g1:o', component_type: ComponentType.StringSelect, values: ['<@&1> everyone'] } } as APIMessageComponentInteraction;
    expect(handleComponent(forged, context)).toMatchObject({ data: { flags: MessageFlags.Ephemeral, content: expect.stringMatching(/not one I recognise/) } });
  });

  it('quotes user text so it cannot format or mention', () => {
    expect(quote('<@&123> **bold**')).toBe('“\\<\\@&123\\> \\*\\*bold\\*\\*”');
    expect([...quote('x'.repeat(500))].length).toBeLessThanOrEqual(82);
  });

  it('answers a mention question and ignores bots and messages that do not mention it', () => {
    const message = (content: string, mentions: string[], bot = false) =>
      ({ id: '5', channel_id: '3', content, author: { id: ASKER, bot }, mentions: mentions.map((id) => ({ id })) }) as never;
    expect(answerMention(message('<@999> what is an epoch?', ['999']), '999', context)?.embeds?.[0]?.title).toBe('Epoch');
    expect(answerMention(message('what is an epoch?', []), '999', context)).toBeUndefined();
    expect(answerMention(message('<@999> epoch', ['999'], true), '999', context)).toBeUndefined();
    expect(answerMention(message('<@999>', ['999']), '999', context)?.embeds?.[0]?.title).toMatch(/how to use/);
    // Footers show text literally, so a typo'd question is echoed without Markdown escapes.
    expect(answerMention(message('<@999> *overfiting*', ['999']), '999', context)?.embeds?.[0]?.footer?.text).toBe('Showing “Overfitting” for “*overfiting*”.');
    expect(answerMention(message('<@999> overfiting', ['999']), '999', context)?.embeds?.[0]?.footer?.text).toBe('Showing “Overfitting” for “overfiting”.');
  });
});

describe('router', () => {
  it('turns a handler exception into a logged failure and a private apology', () => {
    const broken: BotContext = { ...context, engine: { ...context.engine, resolve: () => { throw new Error('boom'); } } as never };
    const errors: unknown[] = [];
    const routed = route(command('define', [{ name: 'term', type: ApplicationCommandOptionType.String, value: 'not-an-id typed text' }]) as APIInteraction, broken, (error) => errors.push(error));
    expect(routed.outcome).toBe('failed');
    expect(routed.response).toMatchObject({ data: { content: APOLOGY, flags: MessageFlags.Ephemeral } });
    expect(errors).toHaveLength(1);
  });

  it('answers an unknown component prefix instead of dropping it', () => {
    const routed = route(click('zz:1', ASKER, ASKER) as APIInteraction, context, () => {});
    expect(routed.response).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
  });
});
