import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';

/** Every command works in servers and, for people who add the app to their account, in DMs. */
export const EVERYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
} as const;
