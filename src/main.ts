import { describeConfigProblems, loadConfig, readEnvironment } from './config.js';
import { prepareEntryViews } from './discord/render/entry.js';
import { startGatewayBot } from './discord/transport/gateway.js';
import { loadGlossary } from './glossary/load.js';
import { formatProblem } from './glossary/problems.js';
import { SearchEngine } from './glossary/search/engine.js';
import { createLogger, redactSecrets } from './logger.js';

/** Exit code for bad configuration or glossary data, as for `glossary validate`. */
const EXIT_INVALID = 2;

/** Milliseconds since this process started, so start-up stages add up to what a user waits. */
const sinceStart = () => Math.round(performance.now());

async function main(): Promise<void> {
  const loaded = loadConfig(readEnvironment(), 'bot');
  if (!loaded.ok) {
    console.error(describeConfigProblems(loaded.problems));
    process.exit(EXIT_INVALID);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, pretty: config.prettyLogs, secrets: [config.token] });
  logger.debug({ stage: 'config', atMs: sinceStart() }, 'start-up: configuration read');

  let stageStarted = performance.now();
  const stageMs = () => {
    const now = performance.now();
    const elapsed = Math.round(now - stageStarted);
    stageStarted = now;
    return elapsed;
  };
  const { glossary, problems, files } = await loadGlossary(config.glossaryPaths);
  if (!glossary) {
    console.error(`The glossary has errors, so the bot will not start:\n${problems.map(formatProblem).join('\n')}`);
    process.exit(EXIT_INVALID);
  }
  for (const problem of problems) logger.warn(formatProblem(problem));
  logger.debug({ stage: 'glossary-load', ms: stageMs(), files: files.length, entries: glossary.entries.size }, 'start-up: glossary loaded and validated');
  const engine = new SearchEngine(glossary.entries.values());
  logger.debug({ stage: 'index-build', ms: stageMs() }, 'start-up: search index built');

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  const context = { glossary, engine, random: Math.random };
  const bot = await startGatewayBot({ token: config.token, apiUrl: config.apiUrl, connectTimeoutMs: config.connectTimeoutMs, logger, context });
  logger.debug({ stage: 'login', ms: stageMs(), atMs: sinceStart() }, 'start-up: logged in to the gateway');
  // After READY, so it never delays being ready. The word-form index is one step (a few ms for
  // the shipped glossary, under half a second at 100,000 terms); answers are rendered in batches.
  setImmediate(() => logger.debug({ stage: 'prepare-word-forms', ms: engine.prepareWordForms() }, 'start-up: word forms indexed'));
  void prepareEntryViews(context).then(
    (prepared) => logger.debug({ stage: 'prepare-answers', ms: stageMs(), entries: prepared }, 'start-up: answers rendered ahead'),
    (error: unknown) => logger.error({ err: error }, 'could not render answers ahead; they will be rendered when asked'),
  );

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
  console.error(`The bot could not start: ${redactSecrets(message, [process.env.DISCORD_TOKEN])}`);
  process.exit(1);
});
