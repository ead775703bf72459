import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  ApplicationCommandOptionType,
  MessageFlags,
} from 'discord-api-types/v10';

/** The person who used the command or clicked: a member in a server, a user in DMs. */
export function actorId(interaction: APIInteraction): string | undefined {
  return interaction.member?.user.id ?? interaction.user?.id;
}

type Options = readonly APIApplicationCommandInteractionDataOption[] | undefined;

export function stringOption(options: Options, name: string): string | undefined {
  const option = options?.find((candidate) => candidate.name === name);
  return option?.type === ApplicationCommandOptionType.String ? option.value : undefined;
}

export function booleanOption(options: Options, name: string): boolean | undefined {
  const option = options?.find((candidate) => candidate.name === name);
  return option?.type === ApplicationCommandOptionType.Boolean ? option.value : undefined;
}

export function userOption(options: Options, name: string): string | undefined {
  const option = options?.find((candidate) => candidate.name === name);
  return option?.type === ApplicationCommandOptionType.User ? option.value : undefined;
}

/** Who a message with our components belongs to: whoever asked for it. */
export function messageOwnerId(message: APIMessage): string | undefined {
  return message.interaction_metadata?.user.id ?? message.interaction?.user.id ?? message.referenced_message?.author.id;
}

/**
 * Whether a click comes from the person the message answers. Only they may change it in place;
 * an ephemeral message is only ever seen by its owner.
 */
export function clickedByOwner(interaction: APIMessageComponentInteraction): boolean {
  const { message } = interaction;
  if (((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return true;
  const owner = messageOwnerId(message);
  return owner !== undefined && owner === actorId(interaction);
}
