/**
 * The token verifier's memory of verified tokens (no server needed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, signToken } from '../../src/auth/tokens.js';
import { testConfig } from '../support/database.js';

describe('createTokenVerifier', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const config = testConfig();
    const verify = await createTokenVerifier(config);
    const token = await signToken(config, { userId: 'ada', ttlSeconds: 60 });
    expect(await verify(token)).toEqual({ userId: 'ada', admin: false });
    expect(await verify(token)).toEqual({ userId: 'ada', admin: false });

    vi.setSystemTime(Date.now() + 66_000); // past exp and the 5 s tolerance
    await expect(verify(token)).rejects.toMatchObject({ problem: 'expired' });
    await expect(verify(token)).rejects.toMatchObject({ problem: 'expired' });
  });

  it('never remembers a token that failed', async () => {
    const config = testConfig();
    const verify = await createTokenVerifier(config);
    const forged = await signToken(
      { ...config, JWT_SECRET: 'someone-else-s-secret-of-32-chars-or-more' }, { userId: 'ada' });
    await expect(verify(forged)).rejects.toMatchObject({ problem: 'invalid' });
    await expect(verify(forged)).rejects.toMatchObject({ problem: 'invalid' });
  });
});
