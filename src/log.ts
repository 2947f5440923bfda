/**
 * The pino logger. Components take a logger as a parameter rather than
 * importing one, so tests can pass a silent logger.
 */
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** Creates the root logger: JSON lines, or pretty output for people. */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'LOG_PRETTY'>,
): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'grapevine' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization',
        '*.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    ...(config.LOG_PRETTY
      ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
      : {}),
  });
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
