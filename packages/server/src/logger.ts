import pino, { type Logger } from 'pino';

/** Structured logs to stderr (stdout stays free for `--json` output). */
export function createLogger(level = 'info'): Logger {
  return pino(
    { level, base: undefined, redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'] },
    pino.destination(2),
  );
}

export type { Logger };
