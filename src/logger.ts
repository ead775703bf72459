import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** Strings that must never reach a log line, such as the bot token. */
  secrets: readonly string[];
  destination?: DestinationStream;
}

const REDACTED = '[REDACTED]';

/**
 * The text with every secret (the bot token, say) replaced by [REDACTED]: for log lines, and for
 * messages printed before or without a logger. Strings shorter than 8 characters are not secrets
 * worth scrubbing and would mangle ordinary words.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) if (secret !== undefined && secret.length >= 8) result = result.split(secret).join(REDACTED);
  return result;
}

/** How long a log line may wait for others to share its write; pino writes what is left on exit. */
const LOG_FLUSH_MS = 250;
const LOG_BATCH_BYTES = 4096;

/**
 * Standard output, written in batches of about 4 KB (or every 250 ms). One write per line was
 * the bot's largest cost after its own answers under a burst: a system call per interaction.
 */
function batchedStdout(): DestinationStream {
  return pino.destination({ sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
}

/**
 * pino, JSON in production and pretty when developing. Every secret string is scrubbed from the
 * final text of each line, wherever it appears: a token field, an Authorization header, an error
 * message or a stack trace. (Redacting fields by path as well cost more per line than the rest of
 * the logging and caught nothing this does not.)
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = (line: string) => redactSecrets(line, options.secrets);
  const destination = options.destination ?? (options.pretty ? pretty({ colorize: true, sync: true }) : batchedStdout());
  return pino(
    {
      level: options.level,
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}
