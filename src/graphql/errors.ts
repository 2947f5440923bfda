/**
 * Error codes and the one place errors are shaped for clients.
 *
 * User mistakes are thrown as `UserInputError` and friends with a stable
 * `extensions.code`; anything else is logged with the operation and reaches
 * the client as a generic message with the code INTERNAL_SERVER_ERROR, or
 * DATABASE_UNAVAILABLE when Neo4j cannot be reached.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import type { Logger } from 'pino';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  OVERLOADED: 'OVERLOADED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A GraphQL error with a stable code; its message is safe to show. */
export function userError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** True when a driver error means Neo4j is unreachable, not a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  return UNAVAILABLE_CODES.has(error.code) ||
    /acquisition timed out|connection.*(refused|closed)/i.test(error.message);
}

/** Codes Apollo and graphql-js attach to request-level mistakes. */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Builds Apollo's `formatError`: known codes pass unchanged; everything else
 * is logged and replaced by a generic message.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      return withoutStack(formatted);
    }
    const original = error instanceof GraphQLError ? error.originalError ?? error : error;
    if (isDatabaseUnavailable(original)) {
      log.warn({ path: formatted.path, err: original }, 'database unavailable');
      return {
        message: 'The database is unavailable; try again shortly.',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    log.error({ path: formatted.path, err: original }, 'internal error');
    return {
      message: 'Internal server error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Answers HTTP 503 with `Retry-After: 1` whenever Neo4j could not be
 * reached during the request, as the API's fail-fast path does once the
 * health probe knows Neo4j is away: a request caught by an outage in a
 * resolver otherwise came back as HTTP 200 with DATABASE_UNAVAILABLE.
 */
export function createUnavailableStatusPlugin<Context extends object>(
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          const unavailable = errors?.some((error) =>
            isDatabaseUnavailable(error.originalError ?? error));
          if (!unavailable) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', '1');
        },
      };
    },
  };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
