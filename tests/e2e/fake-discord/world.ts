/**
 * The small, fixed Discord "world" the fake serves: one application with its bot user, one guild
 * with a category, a text channel, three roles and four members, plus a DM channel.
 * Gateway events, REST answers and payload builders all read from here so the ids agree everywhere.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  ApplicationFlags,
  ChannelFlags,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  RoleFlags,
  UserFlags,
  APIApplication,
  APIDMChannel,
  APIGuild,
  APIGuildCategoryChannel,
  APIGuildMember,
  APIRole,
  APITextChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
} from 'discord.js';
import { snowflake } from './snowflake.js';

export interface WorldOptions {
  /** Application (and, as on Discord for modern apps, bot user) id. */
  applicationId?: string;
  /** Overrides for the bot user; `id` defaults to the application id. */
  botUser?: Partial<APIUser>;
  /** Overrides for the guild the bot is in. */
  guild?: { id?: string; name?: string; preferredLocale?: Locale; textChannelName?: string };
}

export interface FakeWorld {
  applicationId: string;
  botUser: APIUser;
  guild: { id: string; name: string; ownerId: string; preferredLocale: Locale; joinedAt: string };
  roles: { everyone: APIRole; bot: APIRole; member: APIRole };
  channels: { category: APIGuildCategoryChannel; text: APITextChannel; dm: APIDMChannel };
  /** Human users: `owner` owns the guild; `alice` (default invoker) and `bob` are ordinary members. */
  users: { owner: APIUser; alice: APIUser; bob: APIUser };
  /** Guild members by user id (bot included). */
  members: Map<string, APIGuildMember>;
}

// Fixed ids (from 2023/2024 timestamps) keep logs and snapshots stable across runs.
const DEFAULT_APPLICATION_ID = '1187324870143262770';
const DEFAULT_GUILD_ID = '1187325208468639834';

const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

// What an invite link with "Send Messages, Embed Links, Read Message History" etc. gives a bot role.
const BOT_ROLE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

function user(id: string, username: string, globalName: string | null, bot = false): APIUser {
  return {
    id,
    username,
    // Migrated (pomelo) users have discriminator "0"; bots keep a 4-digit one.
    discriminator: bot ? '7201' : '0',
    global_name: globalName,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

function role(id: string, name: string, position: number, permissions: bigint, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

function member(u: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user: u,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function createWorld(options: WorldOptions = {}): FakeWorld {
  const applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
  const guildId = options.guild?.id ?? DEFAULT_GUILD_ID;
  const botUser: APIUser = { ...user(applicationId, 'Glossary', null, true), ...options.botUser };
  const users = {
    owner: user('190588245123072000', 'ada.owner', 'Ada'),
    alice: user('268473310986240001', 'alice_ml', 'Alice'),
    bob: user('301928457203056640', 'bob.builds', 'Bob'),
  };
  const joinedAt = '2024-01-15T10:20:30.123000+00:00';
  const roles = {
    // Discord gives @everyone the guild's own id.
    everyone: role(guildId, '@everyone', 0, EVERYONE_PERMISSIONS),
    member: role(snowflake(Date.parse('2024-01-10T00:00:00Z')), 'Members', 1, 0n, { color: 3447003, hoist: true }),
    bot: role(snowflake(Date.parse('2024-01-15T10:20:30Z')), botUser.username, 2, BOT_ROLE_PERMISSIONS, {
      managed: true,
      tags: { bot_id: botUser.id },
    }),
  };
  const category: APIGuildCategoryChannel = {
    id: snowflake(Date.parse('2024-01-10T00:00:01Z')),
    type: ChannelType.GuildCategory,
    guild_id: guildId,
    name: 'Text Channels',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    flags: 0 as ChannelFlags,
  };
  const text: APITextChannel = {
    id: snowflake(Date.parse('2024-01-10T00:00:02Z')),
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: options.guild?.textChannelName ?? 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: category.id,
    topic: null,
    last_message_id: null,
    last_pin_timestamp: null,
    rate_limit_per_user: 0,
    default_thread_rate_limit_per_user: 0,
    default_auto_archive_duration: 4320,
    flags: 0 as ChannelFlags,
  };
  const dm: APIDMChannel = {
    id: snowflake(Date.parse('2024-01-16T08:00:00Z')),
    type: ChannelType.DM,
    last_message_id: null,
    recipients: [users.alice],
    flags: 0 as ChannelFlags,
    name: null,
  };
  const members = new Map<string, APIGuildMember>([
    [botUser.id, member(botUser, [roles.bot.id], joinedAt)],
    [users.owner.id, member(users.owner, [roles.member.id], '2024-01-10T00:00:00.000000+00:00')],
    [users.alice.id, member(users.alice, [roles.member.id], '2024-01-11T09:30:00.000000+00:00')],
    [users.bob.id, member(users.bob, [], '2024-01-12T17:45:00.000000+00:00')],
  ]);
  return {
    applicationId,
    botUser,
    guild: {
      id: guildId,
      name: options.guild?.name ?? 'ML Study Group',
      ownerId: users.owner.id,
      preferredLocale: options.guild?.preferredLocale ?? Locale.EnglishUS,
      joinedAt,
    },
    roles,
    channels: { category, text, dm },
    users,
    members,
  };
}

/** Effective guild-level permissions of a member, as Discord computes them (owner and Administrator get all). */
export function memberPermissions(world: FakeWorld, userId: string): bigint {
  if (userId === world.guild.ownerId) return allPermissions();
  const m = world.members.get(userId);
  const all = [world.roles.everyone, world.roles.member, world.roles.bot];
  let bits = BigInt(world.roles.everyone.permissions);
  for (const roleId of m?.roles ?? []) {
    const r = all.find((candidate) => candidate.id === roleId);
    if (r) bits |= BigInt(r.permissions);
  }
  return bits & PermissionFlagsBits.Administrator ? allPermissions() : bits;
}

function allPermissions(): bigint {
  return Object.values(PermissionFlagsBits).reduce((acc, bit) => acc | bit, 0n);
}

/** The guild as GUILD_CREATE carries it (with channels, members, roles), enough for discord.js to cache it. */
export function gatewayGuild(world: FakeWorld): GatewayGuildCreateDispatchData {
  const { guild_id: _c, ...category } = world.channels.category;
  const { guild_id: _t, ...text } = world.channels.text;
  return {
    ...restGuild(world),
    joined_at: world.guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: world.members.size,
    voice_states: [],
    members: [...world.members.values()],
    // GUILD_CREATE channels omit guild_id; discord.js fills it in.
    channels: [category, text],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The guild as `GET /guilds/{id}` returns it. */
export function restGuild(world: FakeWorld): APIGuild {
  const guild: APIGuild = {
    id: world.guild.id,
    name: world.guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [world.roles.everyone, world.roles.member, world.roles.bot],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: world.channels.text.id,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    max_presences: null,
    max_members: 25_000_000,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: world.guild.preferredLocale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    hub_type: null,
    incidents_data: null,
    region: 'deprecated',
  };
  // Sent by Discord and required by its OpenAPI spec, not modelled by discord-api-types.
  return Object.assign(guild, { home_header: null, nsfw: false });
}

/** `GET /applications/@me`. */
export function restApplication(world: FakeWorld): APIApplication {
  const application: APIApplication = {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: 'Answers "what is X?" from an AI & machine-learning glossary.',
    rpc_origins: [],
    bot_public: true,
    bot_require_code_grant: false,
    bot: world.botUser,
    owner: world.users.owner,
    summary: '',
    verify_key: 'f9c1a3e0b7d24c6e8a5f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e',
    team: null,
    flags: APPLICATION_FLAGS as ApplicationFlags,
    flags_new: String(APPLICATION_FLAGS),
    approximate_guild_count: 1,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    integration_types_config: { 0: {}, 1: {} },
    event_webhooks_url: null,
  };
  // Fields Discord sends (and its OpenAPI spec requires) that discord-api-types does not model yet.
  return Object.assign(application, { type: null, explicit_content_filter: 0, eligible_oauth2_scopes: ['bot', 'applications.commands'] });
}

/**
 * GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED | APPLICATION_COMMAND_BADGE:
 * an unverified bot in < 100 guilds that has all privileged intents switched on in the portal.
 */
export const APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19) | (1 << 23);

/** Bot channel permissions (no overwrites in this world, so the guild-level ones). */
export function botPermissions(world: FakeWorld): string {
  return memberPermissions(world, world.botUser.id).toString();
}
