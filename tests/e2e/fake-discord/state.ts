/**
 * What the fake Discord remembers between requests: interactions it sent (to answer callbacks once and
 * serve `@original`), messages it created (to edit, fetch and delete them) and registered commands.
 */
import type { APIApplicationCommand, APIAttachment, APIEmbed, APIMessage, APIUser } from 'discord.js';
import { snowflake } from './snowflake.js';
import type { FakeWorld } from './world.js';

type Obj = Record<string, unknown>;

export const MessageFlagBits = {
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressEmbeds: 1 << 2,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** Interaction type (2 command, 3 component, 4 autocomplete, 5 modal submit). */
  type: number;
  /** For application commands: 1 chat input, 2 user, 3 message context menu. */
  commandType: number | undefined;
  commandName: string | undefined;
  channelId: string;
  guildId: string | undefined;
  user: APIUser;
  /** The message a component was used on (type 3), which UPDATE_MESSAGE edits. */
  sourceMessageId: string | undefined;
  /** When the test sent it (`sendInteraction`); the 15-minute interaction token lifetime counts from here. */
  createdAt: number;
  /**
   * When the INTERACTION_CREATE was last written to a bot's gateway socket (a RESUME replay writes it again);
   * undefined until then. The 3-second answer deadline counts from here.
   */
  deliveredAt: number | undefined;
  acknowledgedWith: number | undefined;
  originalMessageId: string | undefined;
  followUpIds: Set<string>;
}

export class FakeState {
  readonly interactions = new Map<string, InteractionRecord>();
  readonly messages = new Map<string, APIMessage>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();

  constructor(readonly world: FakeWorld) {}

  interactionByToken(token: string): InteractionRecord | undefined {
    for (const interaction of this.interactions.values()) if (interaction.token === token) return interaction;
    return undefined;
  }

  /** DM channels opened via `POST /users/@me/channels`, by channel id. */
  readonly extraDms = new Map<string, Obj>();

  /**
   * For a channel messages can be sent to: its guild id (undefined for DMs); null if the channel is unknown.
   */
  channelGuildId(channelId: string): string | undefined | null {
    if (channelId === this.world.channels.text.id) return this.world.guild.id;
    if (channelId === this.world.channels.dm.id) return undefined;
    if (this.extraDms.has(channelId)) return undefined;
    return null;
  }

  /** A message as Discord returns it after creating one from a request body. */
  createMessage(input: {
    channelId: string;
    body: Obj;
    author?: APIUser;
    type?: number;
    files?: UploadedFile[];
    interaction?: InteractionRecord;
    flags?: number;
  }): APIMessage {
    const { body } = input;
    const id = snowflake();
    const flagsIn = typeof body.flags === 'number' ? body.flags : 0;
    const message: APIMessage = {
      id,
      type: input.type ?? 0,
      channel_id: input.channelId,
      author: input.author ?? this.world.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString().replace('Z', '000+00:00'),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.attachments(body, input.files ?? []),
      embeds: this.embeds(body.embeds),
      pinned: false,
      flags: (flagsIn | (input.flags ?? 0)) as APIMessage['flags'],
      components: this.components(body.components) as APIMessage['components'],
    };
    if (typeof body.nonce === 'string' || typeof body.nonce === 'number') message.nonce = body.nonce;
    const interaction = input.interaction;
    if (interaction) {
      message.webhook_id = this.world.applicationId;
      message.application_id = this.world.applicationId;
      message.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: interaction.user,
        authorizing_integration_owners: interaction.guildId ? { 0: interaction.guildId } : { 1: interaction.user.id },
        ...(interaction.originalMessageId && interaction.originalMessageId !== id
          ? { original_response_message_id: interaction.originalMessageId }
          : {}),
      } as APIMessage['interaction_metadata'];
      if (interaction.commandName) {
        message.interaction = { id: interaction.id, type: interaction.type, name: interaction.commandName, user: interaction.user };
      }
    }
    const reference = body.message_reference;
    if (reference && typeof reference === 'object' && typeof (reference as Obj).message_id === 'string') {
      const referencedId = (reference as Obj).message_id as string;
      message.type = 19; // REPLY
      message.message_reference = { type: 0, channel_id: input.channelId, message_id: referencedId };
      message.referenced_message = this.messages.get(referencedId) ?? null;
    }
    this.messages.set(id, message);
    return message;
  }

  /** Applies an edit body (PATCH semantics: absent keys keep their value, null clears). */
  editMessage(message: APIMessage, body: Obj, files: UploadedFile[] = []): APIMessage {
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = this.embeds(body.embeds);
    if ('components' in body) message.components = this.components(body.components) as APIMessage['components'];
    if ('attachments' in body || files.length > 0) message.attachments = this.attachments(body, files);
    if (typeof body.flags === 'number') {
      // Only SUPPRESS_EMBEDS and IS_COMPONENTS_V2 can be changed by an edit; EPHEMERAL stays as it was.
      const editable = MessageFlagBits.SuppressEmbeds | MessageFlagBits.IsComponentsV2;
      message.flags = (((message.flags ?? 0) & ~editable) | (body.flags & editable)) as APIMessage['flags'];
    }
    // Editing a deferred ("thinking...") response turns it into a normal message.
    message.flags = ((message.flags ?? 0) & ~MessageFlagBits.Loading) as APIMessage['flags'];
    message.edited_timestamp = new Date().toISOString().replace('Z', '000+00:00');
    return message;
  }

  private embeds(value: unknown): APIEmbed[] {
    if (!Array.isArray(value)) return [];
    // Discord echoes embeds with their type filled in and content-scan metadata.
    return value.map((embed) => ({ type: 'rich', ...(embed as Obj), content_scan_version: 0 }) as APIEmbed);
  }

  /** Discord numbers every component of a stored message (`id`), depth first, when the sender did not. */
  private components(value: unknown): unknown[] {
    if (!Array.isArray(value)) return [];
    let next = 0;
    const number = (component: unknown): unknown => {
      if (!component || typeof component !== 'object') return component;
      next += 1;
      const copy: Obj = { ...(component as Obj) };
      if (typeof copy.id !== 'number') copy.id = next;
      if (Array.isArray(copy.components)) copy.components = copy.components.map(number);
      if (copy.accessory) copy.accessory = number(copy.accessory);
      return copy;
    };
    return value.map(number);
  }

  private attachments(body: Obj, files: UploadedFile[]): APIAttachment[] {
    const described = Array.isArray(body.attachments) ? (body.attachments as Obj[]) : [];
    return files.map((file, index) => {
      const id = snowflake();
      const meta = described.find((a) => String(a.id) === String(index)) ?? {};
      const filename = typeof meta.filename === 'string' ? meta.filename : file.filename;
      const url = `https://cdn.discordapp.com/attachments/${this.world.channels.text.id}/${id}/${encodeURIComponent(filename)}`;
      return {
        id,
        filename,
        size: file.size,
        url,
        proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
        content_type: file.contentType,
        ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
      };
    });
  }
}
