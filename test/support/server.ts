/**
 * Serves Grapevine on a free loopback port against the test Neo4j, and
 * posts GraphQL to it over real HTTP.
 */
import { afterAll, beforeAll } from 'vitest';
import { startGrapevine, type Grapevine } from '../../src/grapevine.js';
import { silentLogger } from '../../src/log.js';
import type { Config } from '../../src/config.js';
import { testConfig } from './database.js';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }>;
}

/** A running server for one test file, stopped after it. */
export function useTestServer(overrides: Partial<Config> = {}): {
  readonly grapevine: Grapevine;
  readonly url: string;
} {
  const holder: { grapevine?: Grapevine } = {};
  beforeAll(async () => {
    const config = testConfig({ PORT: 0, HOST: '127.0.0.1', ...overrides });
    holder.grapevine = await startGrapevine(config, silentLogger);
  });
  afterAll(async () => {
    await holder.grapevine?.close();
  });
  return {
    get grapevine(): Grapevine {
      if (!holder.grapevine) throw new Error('useTestServer: used before beforeAll ran');
      return holder.grapevine;
    },
    get url(): string {
      return `http://127.0.0.1:${this.grapevine.port}`;
    },
  };
}

/** POSTs a GraphQL operation; `token` becomes a Bearer header. */
export async function postGraphQL<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'status'>;
  return { status: response.status, ...body };
}
