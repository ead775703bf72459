import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { COMMANDS } from '../commands/index.js';
import { describeConfigProblems, loadConfig, readEnvironment } from './config.js';
import type { BotContext } from './discord/context.js';
import { openGlossary } from './glossary/open.js';
import { redactSecrets } from './logger.js';
import { formatProblem } from './glossary/problems.js';

export function commandDefinitions(context: BotContext) {
  return COMMANDS.map((command) => command.definition(context));
}

/**
 * Registers the whole command set with one PUT: to DISCORD_GUILD_ID when set (instant, for
 * development), otherwise globally. PUT replaces the set, so removed commands disappear too.
 */
async function deploy(): Promise<number> {
  const loaded = loadConfig(readEnvironment(), 'deploy');
  if (!loaded.ok) {
    console.error(describeConfigProblems(loaded.problems));
    return 2;
  }
  const { config } = loaded;
  const opened = await openGlossary(config.glossaryPaths);
  if (!opened.ok) {
    console.error(opened.problems.map(formatProblem).join('\n'));
    return 2;
  }
  const body = commandDefinitions({ glossary: opened.value.glossary, engine: opened.value.engine, random: Math.random });
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId!, config.guildId) : Routes.applicationCommands(config.clientId!);
  try {
    const saved = (await rest.put(route, { body })) as unknown[];
    console.log(`Registered ${saved.length} commands ${config.guildId ? `in guild ${config.guildId}` : 'globally (may take a while to appear)'}.`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Could not register commands: ${redactSecrets(message, [config.token])}`);
    return 1;
  }
}

deploy().then((code) => {
  process.exitCode = code;
});
