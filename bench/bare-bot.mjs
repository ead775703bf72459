// The baseline for `npm run load`: a bare discord.js client that takes interactions the way the
// glossary bot does (raw gateway events, answered through discord.js's REST client) but does no
// work of its own: every command gets one fixed embed, every autocomplete one fixed list. The
// difference between the two rates is what the bot's own work costs. Plain JavaScript, run by
// node like the built bot, so neither side pays for a TypeScript loader.
import { Client, Events, GatewayIntentBits, Partials, Routes } from 'discord.js';

const FIXED_EMBED = {
  title: 'Batch Size',
  description: 'The number of training examples a model processes before it updates its weights once.',
  color: 0x5865f2,
  fields: [{ name: 'Category', value: 'Deep Learning', inline: true }],
};
const FIXED_CHOICES = [
  { name: 'Batch Size', value: 'batch-size' },
  { name: 'Batch Normalization', value: 'batch-normalization' },
];

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
  partials: [Partials.Channel],
  rest: { api: process.env.DISCORD_API_URL },
});

client.on(Events.Raw, (packet) => {
  if (packet.t !== 'INTERACTION_CREATE') return;
  const interaction = packet.d;
  const body =
    interaction.type === 4
      ? { type: 8, data: { choices: FIXED_CHOICES } }
      : { type: 4, data: { embeds: [FIXED_EMBED], allowed_mentions: { parse: [] } } };
  client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false }).catch((error) => {
    console.error(`bare bot: could not answer ${interaction.id}: ${error.message}`);
  });
});
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
