/**
 * Shared set-up of the API suites: a server and a database for the file,
 * tokens for named users, and GraphQL calls made as one of them.
 */
import { expect } from 'vitest';
import type { Config } from '../../src/config.js';
import { signToken, type TokenRequest } from '../../src/auth/tokens.js';
import { testConfig, useTestDatabase } from '../support/database.js';
import { postGraphQL, useTestServer, type GraphQLResponse } from '../support/server.js';

type Variables = Record<string, unknown>;
type Data = Record<string, any>;

/** Signs a token the test server accepts. */
export function tokenFor(userId: string, options: Omit<TokenRequest, 'userId'> = {}) {
  return signToken(testConfig(), { userId, ...options });
}

/** A server and a freshly wiped database for one test file. */
export function useApi(overrides: Partial<Config> = {}) {
  const database = useTestDatabase();
  const server = useTestServer(overrides);
  /** Posts an operation as `userId` (null: anonymous). */
  const as = async (userId: string | null, query: string, variables: Variables = {}) =>
    postGraphQL<Data>(server.url, query, variables,
      userId === null ? undefined : await tokenFor(userId));
  /** Posts as an administrator. */
  const asAdmin = async (query: string, variables: Variables = {}) =>
    postGraphQL<Data>(server.url, query, variables, await tokenFor('admin', { admin: true }));
  return {
    get db() { return database.db; },
    get url() { return server.url; },
    server,
    as,
    asAdmin,
  };
}

/** The data of a response that must have no errors. */
export function dataOf(response: GraphQLResponse<Data>): Data {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** The error code of a response that must have failed. */
export function codeOf(response: GraphQLResponse<Data>): string | undefined {
  expect(response.errors?.length).toBeGreaterThan(0);
  return response.errors![0]!.extensions?.code;
}

export const INGEST = `mutation ($input: IngestInput!) {
  ingest(input: $input) { users posts edges }
}`;

/** A user for `ingest`, with handle and name from the id. */
export function user(id: string) {
  return { id, handle: id, displayName: id.toUpperCase() };
}
