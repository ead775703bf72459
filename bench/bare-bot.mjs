// The baseline for `npm run load`: a bare discord.js client that takes interactions the way the
// glossary bot does (raw gateway events, answered through discord.js's REST client) but does no
// work of its own: every command gets one fixed reply, every autocomplete one fixed list. The
// difference between the two rates is what the bot's own work costs. Plain JavaScript, run by
// node like the built bot, so neither side pays for a TypeScript loader.
//
// By default the fixed reply is a small embed. With BARE_REPLIES naming a JSON file of
// { "command": <callback data>, "autocomplete": <choices> }, it sends those instead: a real
// glossary answer and a real list of 25 choices, so that both sides send and receive (Discord
// echoes public answers back as MESSAGE_CREATE) the same number of bytes.
import { readFileSync } from 'node:fs';
import { Client, Events, GatewayIntentBits, Partials, Routes } from 'discord.js';

const SMALL_EMBED = {
  title: 'Batch Size',
  description: 'The number of training examples a model processes before it updates its weights once.',
  color: 0x5865f2,
  fields: [{ name: 'Category', value: 'Deep Learning', inline: true }],
};
const replies = process.env.BARE_REPLIES
  ? JSON.parse(readFileSync(process.env.BARE_REPLIES, 'utf8'))
  : {
      command: { embeds: [SMALL_EMBED], allowed_mentions: { parse: [] } },
      autocomplete: [
        { name: 'Batch Size', value: 'batch-size' },
        { name: 'Batch Normalization', value: 'batch-normalization' },
      ],
    };

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
  partials: [Partials.Channel],
  rest: { api: process.env.DISCORD_API_URL },
});

client.on(Events.Raw, (packet) => {
  if (packet.t !== 'INTERACTION_CREATE') return;
  const interaction = packet.d;
  const body = interaction.type === 4 ? { type: 8, data: { choices: replies.autocomplete } } : { type: 4, data: replies.command };
  client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false }).catch((error) => {
    console.error(`bare bot: could not answer ${interaction.id}: ${error.message}`);
  });
});
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
