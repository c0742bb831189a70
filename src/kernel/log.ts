import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets in headers never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'thorbecke' },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.apiKey', '*.key'], censor: '[redacted]' },
  });
}
