/**
 * Builders for gateway payloads shaped like the ones Discord really sends (see discord-api-types'
 * `APIChatInputApplicationCommandInteraction` and friends), so the bot under test parses exactly what it
 * would in production. Every builder takes the fake's `world` so ids, channels and members line up.
 *
 * Guild interactions carry `member` (with `user`, roles, permissions, joined_at), `guild`, `guild_id`,
 * `guild_locale` and `context: 0`; DM interactions carry `user` instead and `context: 1`.
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
} from 'discord.js';
import type {
  APIActionRowComponent,
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandInteraction,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIGuildMember,
  APIInteractionDataResolved,
  APIInteractionDataResolvedGuildMember,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentButtonInteraction,
  APIMessageComponentSelectMenuInteraction,
  APIUser,
  APIUserApplicationCommandInteraction,
  ChannelFlags,
  GatewayMessageCreateDispatchData,
  MessageFlags,
  Permissions,
} from 'discord.js';
import { snowflake } from './snowflake.js';
import { botPermissions, memberPermissions, type FakeWorld } from './world.js';

/** Where an interaction or message happens and who does it. */
export interface Origin {
  /** Default 'guild' (the world's text channel); 'dm' is the bot DM with the user. */
  in?: 'guild' | 'dm';
  /** Acting user; default `world.users.alice`. */
  user?: APIUser;
  /** The user's client locale; default en-US. */
  locale?: Locale;
}

/** A resolved option value as it appears in `data.options` (basic, non-subcommand options). */
export interface OptionInput {
  name: string;
  type: ApplicationCommandOptionType;
  value: string | number | boolean;
  /** For user options: the user the id points at (fills `data.resolved`). */
  user?: APIUser;
}

/** Shorthands for `data.options` entries. */
export const option = {
  string: (name: string, value: string): OptionInput => ({ name, type: ApplicationCommandOptionType.String, value }),
  integer: (name: string, value: number): OptionInput => ({ name, type: ApplicationCommandOptionType.Integer, value }),
  number: (name: string, value: number): OptionInput => ({ name, type: ApplicationCommandOptionType.Number, value }),
  boolean: (name: string, value: boolean): OptionInput => ({ name, type: ApplicationCommandOptionType.Boolean, value }),
  user: (name: string, user: APIUser): OptionInput => ({ name, type: ApplicationCommandOptionType.User, value: user.id, user }),
};

/** Interaction tokens are long base64url strings that start with "aW50ZXJhY3Rpb24" ("interaction"). */
export function interactionToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(96).toString('base64url')}`).toString('base64url');
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

function guildMember(world: FakeWorld, user: APIUser): APIGuildMember {
  return (
    world.members.get(user.id) ?? {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: [],
      joined_at: new Date().toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as APIGuildMember['flags'],
      pending: false,
      communication_disabled_until: null,
    }
  );
}

function interactionMember(world: FakeWorld, user: APIUser): APIInteractionGuildMember {
  return {
    ...guildMember(world, user),
    user,
    permissions: memberPermissions(world, user.id).toString() as Permissions,
    // Discord sends this too; discord-api-types does not list it yet.
    unusual_dm_activity_until: null,
  } as APIInteractionGuildMember;
}

/** The fields every interaction shares, for a guild or the bot DM. */
function base(world: FakeWorld, origin: Origin = {}) {
  const id = snowflake();
  const user = origin.user ?? world.users.alice;
  const common = {
    id,
    application_id: world.applicationId,
    token: interactionToken(id),
    version: 1 as const,
    locale: origin.locale ?? Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (origin.in === 'dm') {
    const dm = world.channels.dm;
    return {
      ...common,
      user,
      channel: { id: dm.id, type: ChannelType.DM as const, last_message_id: null, flags: 0 as ChannelFlags, recipients: [user] },
      channel_id: dm.id,
      // The bot DM: guild-install key with "0", as Discord sends for BOT_DM context.
      authorizing_integration_owners: { 0: '0' },
      context: InteractionContextType.BotDM,
      app_permissions: botPermissions(world) as Permissions,
    };
  }
  const text = world.channels.text;
  return {
    ...common,
    guild: { id: world.guild.id, features: [], locale: world.guild.preferredLocale },
    guild_id: world.guild.id,
    guild_locale: world.guild.preferredLocale,
    member: interactionMember(world, user),
    channel: {
      ...text,
      permissions: memberPermissions(world, user.id).toString(),
    },
    channel_id: text.id,
    authorizing_integration_owners: { 0: world.guild.id },
    context: InteractionContextType.Guild,
    app_permissions: botPermissions(world) as Permissions,
  };
}

function resolvedFor(world: FakeWorld, options: OptionInput[], inGuild: boolean): APIInteractionDataResolved | undefined {
  const users = options.filter((o) => o.user).map((o) => o.user!);
  if (users.length === 0) return undefined;
  const resolved: APIInteractionDataResolved = { users: Object.fromEntries(users.map((u) => [u.id, u])) };
  if (inGuild) {
    const members = users.filter((u) => world.members.has(u.id));
    resolved.members = Object.fromEntries(members.map((u) => [u.id, resolvedMember(world, u)]));
  }
  return resolved;
}

/** `resolved.members` entries are members without `user`, plus the member's permissions. */
function resolvedMember(world: FakeWorld, user: APIUser): APIInteractionDataResolvedGuildMember {
  const { user: _user, deaf: _deaf, mute: _mute, ...member } = guildMember(world, user);
  return { ...member, permissions: memberPermissions(world, user.id).toString() as Permissions };
}

function dataOptions(options: OptionInput[]): APIApplicationCommandInteractionDataBasicOption[] {
  return options.map(({ name, type, value }) => ({ name, type, value }) as APIApplicationCommandInteractionDataBasicOption);
}

// ------------------------------------------------------------------------------------- application commands

export interface ChatInputOptions extends Origin {
  name: string;
  /** The registered command's id (see `fake.commandId(name)`); default a fresh snowflake. */
  commandId?: string;
  options?: OptionInput[];
  /** The command is registered to the guild (adds `data.guild_id`). */
  guildCommand?: boolean;
}

/** A slash command invocation (interaction type 2, data.type 1). */
export function chatInputCommand(world: FakeWorld, input: ChatInputOptions): APIChatInputApplicationCommandInteraction {
  const common = base(world, input);
  const options = input.options ?? [];
  const resolved = resolvedFor(world, options, input.in !== 'dm');
  return {
    ...common,
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0 ? { options: dataOptions(options) } : {}),
      ...(resolved ? { resolved } : {}),
      // Discord names the guild here only for commands registered to that guild.
      ...(input.guildCommand && input.in !== 'dm' ? { guild_id: world.guild.id } : {}),
    },
  };
}

export interface AutocompleteOptions extends Origin {
  name: string;
  commandId?: string;
  /** All options typed so far; the focused one's value is what the user is typing (always a string). */
  options: OptionInput[];
  /** Name of the option being typed in. */
  focused: string;
}

/** Autocomplete request (interaction type 4): one option has `focused: true`. */
export function autocomplete(world: FakeWorld, input: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction {
  const common = base(world, input);
  if (!input.options.some((o) => o.name === input.focused)) throw new Error(`autocomplete: no option named ${input.focused}`);
  return {
    ...common,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options: input.options.map(({ name, type, value }) =>
        name === input.focused ? { name, type, value: String(value), focused: true } : { name, type, value },
      ) as APIApplicationCommandInteractionDataBasicOption[],
    },
  };
}

export interface MessageContextMenuOptions extends Origin {
  name: string;
  commandId?: string;
  /** The message right-clicked; default a message from bob asking about transformers. */
  target?: APIMessage;
}

/** "Apps > <name>" on a message (interaction type 2, data.type 3). */
export function messageContextMenu(world: FakeWorld, input: MessageContextMenuOptions): APIMessageApplicationCommandInteraction {
  const common = base(world, input);
  const target =
    input.target ??
    userMessage(world, { content: 'Can someone explain what a transformer is?', author: world.users.bob, in: input.in });
  return {
    ...common,
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}

export interface UserContextMenuOptions extends Origin {
  name: string;
  commandId?: string;
  target: APIUser;
}

/** "Apps > <name>" on a user (interaction type 2, data.type 2). */
export function userContextMenu(world: FakeWorld, input: UserContextMenuOptions): APIUserApplicationCommandInteraction {
  const common = base(world, input);
  const inGuild = input.in !== 'dm';
  return {
    ...common,
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId ?? snowflake(),
      name: input.name,
      type: ApplicationCommandType.User,
      target_id: input.target.id,
      resolved: {
        users: { [input.target.id]: input.target },
        ...(inGuild && world.members.has(input.target.id)
          ? { members: { [input.target.id]: resolvedMember(world, input.target) } }
          : {}),
      },
    },
  };
}

// ------------------------------------------------------------------------------------ message components

export interface ButtonOptions extends Origin {
  customId: string;
  /** The message carrying the button (as the bot sent it); default a bot message with that one button. */
  message?: APIMessage;
}

/** A button press (interaction type 3, component_type 2) with `message` the message the button is on. */
export function buttonPress(world: FakeWorld, input: ButtonOptions): APIMessageComponentButtonInteraction {
  const common = base(world, input);
  const message =
    input.message ??
    botMessage(world, {
      in: input.in,
      content: 'Here is the definition.',
      components: [
        { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More', custom_id: input.customId }] },
      ],
    });
  return {
    ...common,
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
  };
}

export interface StringSelectOptions extends Origin {
  customId: string;
  values: string[];
  message?: APIMessage;
}

/** A string select choice (interaction type 3, component_type 3) with the chosen `values`. */
export function stringSelect(world: FakeWorld, input: StringSelectOptions): APIMessageComponentSelectMenuInteraction {
  const common = base(world, input);
  const message =
    input.message ??
    botMessage(world, {
      in: input.in,
      content: 'Did you mean one of these?',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: input.customId,
              placeholder: 'Pick a term',
              min_values: 1,
              max_values: Math.max(1, input.values.length),
              options: input.values.map((value) => ({ label: value, value })),
            },
          ],
        },
      ],
    });
  return {
    ...common,
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values },
  };
}

// ------------------------------------------------------------------------------------------------ messages

function timestamp(): string {
  return new Date().toISOString().replace('Z', '000+00:00');
}

interface MessageBase {
  in?: 'guild' | 'dm';
  content: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

function restMessage(world: FakeWorld, author: APIUser, input: MessageBase): APIMessage {
  return {
    id: snowflake(),
    type: 0,
    channel_id: input.in === 'dm' ? world.channels.dm.id : world.channels.text.id,
    author,
    content: input.content,
    timestamp: timestamp(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: input.embeds ?? [],
    pinned: false,
    flags: 0 as MessageFlags,
    components: input.components ?? [],
  };
}

/** A message the bot sent earlier (REST shape), e.g. the one a button sits on. */
export function botMessage(world: FakeWorld, input: MessageBase): APIMessage {
  return {
    ...restMessage(world, world.botUser, input),
    application_id: world.applicationId,
  };
}

/** A message a human sent (REST shape), e.g. the target of a message context menu. */
export function userMessage(world: FakeWorld, input: MessageBase & { author?: APIUser }): APIMessage {
  return restMessage(world, input.author ?? world.users.alice, input);
}

export interface MessageCreateOptions {
  content: string;
  in?: 'guild' | 'dm';
  author?: APIUser;
  /** Mention the bot (prefixes `<@botId> ` unless the content already contains it; fills `mentions`). */
  mentionBot?: boolean;
  /** Reply to this message (sets `message_reference`, `referenced_message`, type 19). */
  replyTo?: APIMessage;
}

/** MESSAGE_CREATE dispatch data for a human's message, e.g. "asking by mention". */
export function messageCreate(world: FakeWorld, input: MessageCreateOptions): GatewayMessageCreateDispatchData {
  const author = input.author ?? world.users.alice;
  const inGuild = input.in !== 'dm';
  const mention = `<@${world.botUser.id}>`;
  const content = input.mentionBot && !input.content.includes(mention) ? `${mention} ${input.content}` : input.content;
  const memberNoUser = (user: APIUser) => {
    const { user: _user, ...rest } = guildMember(world, user);
    return rest;
  };
  const message = restMessage(world, author, { content, in: input.in });
  return {
    ...message,
    ...(input.replyTo
      ? {
          type: 19,
          message_reference: { type: 0, channel_id: message.channel_id, message_id: input.replyTo.id, ...(inGuild ? { guild_id: world.guild.id } : {}) },
          referenced_message: input.replyTo,
        }
      : {}),
    mentions: input.mentionBot ? [inGuild ? { ...world.botUser, member: memberNoUser(world.botUser) } : world.botUser] : [],
    nonce: snowflake(),
    channel_type: inGuild ? ChannelType.GuildText : ChannelType.DM,
    ...(inGuild ? { guild_id: world.guild.id, member: memberNoUser(author) } : {}),
  };
}
