import { describeConfigProblems, loadConfig, readEnvironment } from './config.js';
import { startGatewayBot } from './discord/transport/gateway.js';
import { openGlossary } from './glossary/open.js';
import { formatProblem } from './glossary/problems.js';
import { createLogger } from './logger.js';

/** Exit code for bad configuration or glossary data, as for `glossary validate`. */
const EXIT_INVALID = 2;

async function main(): Promise<void> {
  const loaded = loadConfig(readEnvironment(), 'bot');
  if (!loaded.ok) {
    console.error(describeConfigProblems(loaded.problems));
    process.exit(EXIT_INVALID);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs, secrets: [config.token] });

  const opened = await openGlossary(config.glossaryPaths);
  if (!opened.ok) {
    console.error(`The glossary has errors, so the bot will not start:\n${opened.problems.map(formatProblem).join('\n')}`);
    process.exit(EXIT_INVALID);
  }
  for (const problem of opened.value.problems) logger.warn(formatProblem(problem));

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  const bot = await startGatewayBot({
    token: config.token,
    apiUrl: config.apiUrl,
    logger,
    context: { glossary: opened.value.glossary, engine: opened.value.engine, random: Math.random },
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    bot.shutdown().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Login failures land here; never print the token itself.
  const message = error instanceof Error ? error.message : String(error);
  const token = process.env.DISCORD_TOKEN;
  console.error(`The bot could not start: ${token && token.length >= 8 ? message.split(token).join('[REDACTED]') : message}`);
  process.exit(1);
});
