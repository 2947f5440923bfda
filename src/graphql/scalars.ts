/**
 * The DateTime scalar: epoch milliseconds inside, ISO-8601 strings in UTC
 * outside. Input must be an ISO-8601 date-time with a zone (`Z` or an
 * offset), so no value depends on the server's time zone.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from './errors.js';

const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): number {
  const time = typeof value === 'string' && ISO_WITH_ZONE.test(value)
    ? Date.parse(value)
    : Number.NaN;
  if (Number.isNaN(time)) {
    throw new GraphQLError(
      'DateTime must be an ISO-8601 date-time with a zone, such as ' +
        `2024-05-01T12:00:00Z, but got ${JSON.stringify(value)?.slice(0, 40)}.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT } },
    );
  }
  return time;
}

export const DateTime = new GraphQLScalarType<number, string>({
  name: 'DateTime',
  description: 'An instant in UTC as an ISO-8601 string.',
  serialize: (value) => new Date(value as number).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : null),
});
