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
 * pino, JSON in production and pretty when developing. Known secret fields are redacted by path,
 * and as a last line of defence every secret string is scrubbed from the final text of each line,
 * so a token inside an error message or a stack trace is removed too.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((secret) => secret.length >= 8);
  const scrub = (line: string) => secrets.reduce((text, secret) => text.split(secret).join(REDACTED), line);
  const destination = options.destination ?? (options.pretty ? pretty({ colorize: true, sync: true }) : pino.destination({ sync: false }));
  return pino(
    {
      level: options.level,
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.token'], censor: REDACTED },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}
