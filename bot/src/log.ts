/**
 * Structured logs. Officers' names, e-mail addresses and message texts never appear at info
 * level: the redaction below removes them wherever a caller puts them by mistake.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'cpd-bot' },
      redact: {
        paths: ['text', '*.text', 'email', '*.email', 'from.name', '*.from.name', 'user.name', '*.user.name', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
