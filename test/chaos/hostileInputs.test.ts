/**
 * A corpus of hostile requests: each must be answered with a coded error
 * (`errors[].extensions.code`), never a 500, never a stack trace, and
 * never anything of a post the sender may not see. Fast enough for the
 * main suite; `npm run test:chaos` runs it too.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, INGEST, tokenFor, user, useApi } from '../api/helpers.js';

const api = useApi();
const SECRET_TEXT = 'the secret plan of hostile_author';
const PRIVATE_POST = 'hostile:post:private';

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: {
    users: ['hostile_author', 'hostile_stranger'].map(user),
    posts: [
      { id: PRIVATE_POST, authorId: 'hostile_author', text: SECRET_TEXT,
        visibility: 'FOLLOWERS', createdAt: '2024-01-01T00:00:00Z' },
      { id: 'hostile:post:public', authorId: 'hostile_author', text: 'hello',
        createdAt: '2024-01-02T00:00:00Z' },
    ],
  } }));
});

interface RawResponse {
  status: number;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** POSTs raw bytes to /graphql with the given headers. */
async function postRaw(
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let parsed: RawResponse['body'] = {};
  try {
    parsed = JSON.parse(text) as RawResponse['body'];
  } catch {
    // left empty: expectCoded then fails with the text in view
  }
  return { status: response.status, text, body: parsed };
}

const asJson = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });

/** Checks the answer is a coded error, not a 500, with nothing internal. */
function expectCoded(response: RawResponse, codes: readonly string[]): void {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, context).not.toBe(500);
  expect(response.status, context).toBeLessThan(500);
  const errors = response.body.errors ?? [];
  expect(errors.length, context).toBeGreaterThan(0);
  for (const error of errors) {
    expect(codes, context).toContain(error.extensions?.code);
  }
  expect(response.text).not.toMatch(/stacktrace|\bat .+\.(?:ts|js):\d+|node_modules/);
  expect(response.text).not.toMatch(/Neo4j|Cypher|neo4j-driver|SyntaxError/);
  expect(response.text).not.toContain(SECRET_TEXT);
}

const VALIDATION = ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'];

describe('hostile GraphQL inputs', () => {
  it('refuse nesting deeper than the limit', async () => {
    const deep = 'followers { edges { node { '.repeat(6);
    const query = `{ user(id: "hostile_author") { ${deep} id ${' } } }'.repeat(6)} } }`;
    expectCoded(await postRaw(asJson(query)), ['QUERY_TOO_COMPLEX']);
  });

  it('refuse nesting deep enough to exhaust a recursive parser', async () => {
    const query = `{ ${'a { '.repeat(50_000)}b${' }'.repeat(50_000)} }`;
    expectCoded(await postRaw(asJson(query)), ['GRAPHQL_PARSE_FAILED']);
  });

  it('refuse thousands of aliased fields as too costly', async () => {
    const fields = Array.from({ length: 6000 }, (_, i) => `a${i}: serverInfo { version }`);
    expectCoded(await postRaw(asJson(`{ ${fields.join(' ')} }`)), ['QUERY_TOO_COMPLEX']);
  });

  it('refuse a first out of range, negative or past 32 bits', async () => {
    const page = (first: string) =>
      `{ user(id: "hostile_author") { posts(first: ${first}) { edges { cursor } } } }`;
    expectCoded(await postRaw(asJson(page('1000000'))), ['BAD_USER_INPUT']);
    expectCoded(await postRaw(asJson(page('-1'))), ['BAD_USER_INPUT']);
    expectCoded(await postRaw(asJson(page('99999999999999'))), VALIDATION);
    const viaVariable = 'query ($n: Int) { user(id: "hostile_author") { posts(first: $n) ' +
      '{ edges { cursor } } } }';
    expectCoded(await postRaw(asJson(viaVariable, { n: 1e12 })), VALIDATION);
  });

  it('refuse a giant string inside the body limit', async () => {
    const text = 'x'.repeat(900_000);
    const query = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';
    const token = await tokenFor('hostile_stranger');
    const response = await postRaw(asJson(query, { input: { text } }),
      { authorization: `Bearer ${token}` });
    expectCoded(response, ['BAD_USER_INPUT']);
  });

  it('refuse a body over the limit with a coded 413', async () => {
    const response = await postRaw(asJson(`{ serverInfo { version } } # ${'x'.repeat(2_000_000)}`));
    expect(response.status).toBe(413);
    expectCoded(response, ['PAYLOAD_TOO_LARGE']);
  });

  it('refuse invalid UTF-8 bytes in the body', async () => {
    const head = Buffer.from('{"query":"{ user(id: \\"');
    const tail = Buffer.from('\\") { id } }"}');
    const body = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xc3]), tail]);
    expectCoded(await postRaw(body), ['BAD_REQUEST']);
  });

  it('refuse a body that is not JSON, and JSON that is not an operation', async () => {
    expectCoded(await postRaw('{"query": '), ['BAD_REQUEST']);
    expectCoded(await postRaw('"just a string"'), ['BAD_REQUEST']);
    expectCoded(await postRaw('[{"query":"{ serverInfo { version } }"}]'), ['BAD_REQUEST']);
    expectCoded(await postRaw('{"query": 42}'), ['BAD_REQUEST']);
    expectCoded(await postRaw('{"query":"{ serverInfo { version } }","variables":[1]}'),
      ['BAD_REQUEST']);
  });

  it('refuse arguments and variables of the wrong type', async () => {
    expectCoded(await postRaw(asJson('{ user(id: {a: 1}) { id } }')), VALIDATION);
    expectCoded(await postRaw(asJson('{ user(id: "x") { nosuchfield } }')), VALIDATION);
    const withVariable = 'query ($id: ID!) { post(id: $id) { id } }';
    expectCoded(await postRaw(asJson(withVariable, { id: { $ne: null } })), VALIDATION);
    expectCoded(await postRaw(asJson(withVariable, { id: [PRIVATE_POST] })), VALIDATION);
    expectCoded(await postRaw(asJson(withVariable, {})), VALIDATION);
  });

  it('refuse forged, expired and unsigned tokens', async () => {
    const query = asJson('{ viewer { id } }');
    const forged = await new SignJWT({ role: 'admin' }).setSubject('hostile_author')
      .setIssuer('grapevine').setExpirationTime('1h').setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('x'.repeat(48)));
    const expired = await tokenFor('hostile_author', { ttlSeconds: -3600 });
    const unsigned = [
      Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
      Buffer.from('{"sub":"hostile_author","iss":"grapevine","exp":9999999999}')
        .toString('base64url'),
      '',
    ].join('.');
    for (const token of [forged, expired, unsigned, 'not-a-jwt', 'a.b.c']) {
      const response = await postRaw(query, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expectCoded(response, ['UNAUTHENTICATED']);
    }
    const odd = await postRaw(query, { authorization: 'Basic aGk6aGk=' });
    expectCoded(odd, ['UNAUTHENTICATED']);
  });

  it('answer NOT_FOUND for another user\'s private post, in reads and writes', async () => {
    const token = { authorization: `Bearer ${await tokenFor('hostile_stranger')}` };
    const read = await postRaw(asJson('query ($id: ID!) { post(id: $id) { id text } }',
      { id: PRIVATE_POST }), token);
    expectCoded(read, ['NOT_FOUND']);
    for (const field of ['like', 'repost', 'hidePost']) {
      const write = await postRaw(asJson(`mutation ($id: ID!) { ${field}(postId: $id) ` +
        '{ __typename } }', { id: PRIVATE_POST }), token);
      expectCoded(write, ['NOT_FOUND']);
    }
    const node = await postRaw(asJson('query ($id: ID!) { node(id: $id) { id } }',
      { id: PRIVATE_POST }), token);
    expect(node.text).not.toContain(SECRET_TEXT);
    expect(node.status).toBe(200);
  });

  it('refuse text with control characters and lone surrogates', async () => {
    const token = { authorization: `Bearer ${await tokenFor('hostile_stranger')}` };
    const query = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';
    for (const text of ['a\u0000b', 'bell\u0007', 'half \ud800 pair']) {
      expectCoded(await postRaw(asJson(query, { input: { text } }), token), ['BAD_USER_INPUT']);
    }
  });

  it('refuse a fragment that spreads itself', async () => {
    const query = 'query { ...A } fragment A on Query { ...A }';
    expectCoded(await postRaw(asJson(query)), VALIDATION);
  });
});
