/**
 * Structured logs. Officers' names, e-mail addresses and message texts never appear at info
 * level: the redaction below removes them wherever a caller puts them by mistake.
 *
 * A message that reads as distress leaves nothing of itself at any level: its request runs inside
 * `logWithoutContent`, and every line logged meanwhile, by any code it reaches, keeps only its
 * message and the outline of an error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

const contentFree = new AsyncLocalStorage<true>();

/**
 * Runs `work` (and everything it starts) so that no log line carries fields, arguments or an
 * error's message: only the line's own message, `private: true`, and for an error its type, code,
 * HTTP status and stack frames, enough to find a fault without what the officer wrote or who they are.
 */
export function logWithoutContent<T>(work: () => T): T {
  return contentFree.run(true, work);
}

/** What of an error may be logged when nothing of the request may: never its message, which can quote input. */
export function errorOutline(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    frames: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .map((line) => line.trim()),
  };
}

function contentFreeLine(args: unknown[]): [Record<string, unknown>, string] {
  const [first, second] = args;
  const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
  const err = first instanceof Error ? first : typeof first === 'object' && first !== null ? (first as { err?: unknown }).err : undefined;
  return [{ private: true, ...(err === undefined ? {} : { err: errorOutline(err) }) }, message];
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'cpd-bot' },
      redact: {
        paths: ['text', '*.text', 'email', '*.email', 'from.name', '*.from.name', 'user.name', '*.user.name', 'req.headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          if (contentFree.getStore() !== true) return method.apply(this, args);
          const [fields, message] = contentFreeLine(args);
          return method.call(this, fields, message);
        },
      },
    },
    destination,
  );
}
