/**
 * The HTTP status of answers that met an unreachable Neo4j.
 */
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { createUnavailableStatusPlugin } from '../../src/graphql/errors.js';

async function statusAfter(errors: readonly GraphQLError[] | undefined) {
  const http = { status: undefined as number | undefined, headers: new Map<string, string>() };
  const hooks = await createUnavailableStatusPlugin().requestDidStart!({} as never);
  await hooks!.willSendResponse!({ errors, response: { http } } as never);
  return { status: http.status, retryAfter: http.headers.get('retry-after') };
}

describe('createUnavailableStatusPlugin', () => {
  it('answers 503 with Retry-After when a resolver met an unreachable Neo4j', async () => {
    const cause = new Neo4jError('Connection refused', 'ServiceUnavailable', '08000', 'down');
    const error = new GraphQLError('x', { originalError: cause });
    expect(await statusAfter([error])).toEqual({ status: 503, retryAfter: '1' });
  });

  it('leaves other errors and clean answers alone', async () => {
    const input = new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(await statusAfter([input])).toEqual({ status: undefined, retryAfter: undefined });
    expect(await statusAfter(undefined)).toEqual({ status: undefined, retryAfter: undefined });
  });
});
