import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.js';
import { testConfig } from '../support/database.js';
import { postGraphQL, useTestServer } from '../support/server.js';
import { codeOf, dataOf, INGEST, tokenFor, user, useApi } from './helpers.js';

const api = useApi();
const VIEWER = '{ viewer { id handle } }';

beforeAll(async () => {
  dataOf(await api.asAdmin(INGEST, { input: { users: [user('ada')] } }));
});

async function withToken(token: string, query = VIEWER) {
  return postGraphQL(api.url, query, {}, token);
}

describe('bearer tokens', () => {
  it('make the token\'s user the viewer', async () => {
    expect(dataOf(await withToken(await tokenFor('ada')))).toEqual({
      viewer: { id: 'ada', handle: 'ada' },
    });
  });

  it('leave anonymous requests without a viewer', async () => {
    expect(dataOf(await api.as(null, VIEWER))).toEqual({ viewer: null });
  });

  it('refuse a token signed with another secret', async () => {
    const forged = await signToken(
      { ...testConfig(), JWT_SECRET: 'someone-else-s-secret-of-32-chars-or-more' },
      { userId: 'ada', admin: true });
    const response = await withToken(forged);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(response.status).toBe(401);
  });

  it('refuse an expired token', async () => {
    const response = await withToken(await tokenFor('ada', { ttlSeconds: -60 }));
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(response.errors![0]!.extensions).toMatchObject({ reason: 'expired' });
  });

  it('refuse a token from another issuer', async () => {
    const token = await signToken({ ...testConfig(), JWT_ISSUER: 'elsewhere' }, { userId: 'ada' });
    expect(codeOf(await withToken(token))).toBe('UNAUTHENTICATED');
  });

  it('refuse an unsigned token and a malformed header', async () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const claims = Buffer.from(JSON.stringify({
      sub: 'ada', iss: 'grapevine', exp: Math.floor(Date.now() / 1000) + 60,
    })).toString('base64url');
    expect(codeOf(await withToken(`${header}.${claims}.`))).toBe('UNAUTHENTICATED');
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRhOmFkYQ==' },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(response.status).toBe(401);
  });

  it('refuse a token without an expiry', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' })
      .setSubject('ada').setIssuer('grapevine')
      .sign(new TextEncoder().encode(testConfig().JWT_SECRET));
    expect(codeOf(await withToken(token))).toBe('UNAUTHENTICATED');
  });

  it('refuse mutations by a valid token whose user does not exist', async () => {
    const token = await tokenFor('ghost');
    const response = await withToken(token, 'mutation { follow(userId: "ada") { id } }');
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });
});

describe('the admin role', () => {
  it('is needed for ingest: FORBIDDEN for users, UNAUTHENTICATED for anonymous', async () => {
    const input = { input: { users: [user('sneak')] } };
    expect(codeOf(await api.as('ada', INGEST, input))).toBe('FORBIDDEN');
    expect(codeOf(await api.as(null, INGEST, input))).toBe('UNAUTHENTICATED');
  });
});

describe('RS256 tokens', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rsServer = useTestServer({ JWT_PUBLIC_KEY: publicPem });

  it('are accepted when signed by the configured key pair', async () => {
    const token = await signToken(testConfig(), { userId: 'ada', privateKeyPem: privatePem });
    const response = await postGraphQL(rsServer.url, VIEWER, {}, token);
    expect(response.data).toEqual({ viewer: { id: 'ada', handle: 'ada' } });
  });

  it('turn HS256 tokens away once a public key is configured', async () => {
    const response = await postGraphQL(rsServer.url, VIEWER, {}, await tokenFor('ada'));
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
