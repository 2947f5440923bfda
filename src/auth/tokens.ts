/**
 * Bearer tokens: JWTs signed with HS256 (JWT_SECRET) or, when
 * JWT_PUBLIC_KEY is set, verified as RS256. `sub` is the user id, `role`
 * is `admin` for administrators; `iss` must be JWT_ISSUER and `exp` must
 * be present and in the future.
 */
import { errors, importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config.js';

type TokenConfig = Pick<Config, 'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWT_ISSUER'>;

/** Who a valid token speaks for. */
export interface TokenClaims {
  userId: string;
  admin: boolean;
}

/** Why a token was refused: stable words clients may read. */
export type TokenProblem = 'expired' | 'invalid';

/** Raised for any token that is not valid; `problem` says which kind. */
export class TokenError extends Error {
  override name = 'TokenError';
  constructor(readonly problem: TokenProblem) {
    super(problem === 'expired' ? 'token expired' : 'token invalid');
  }
}

/** Checks a token and returns its claims, or throws TokenError. */
export type TokenVerifier = (token: string) => Promise<TokenClaims>;

/** Allowed clock difference between issuer and us, in seconds. */
const CLOCK_TOLERANCE_S = 5;

/** Verified tokens remembered (a client sends the same one many times). */
const VERIFIED_CACHE_SIZE = 10_000;

/** Builds the verifier once (imports the RS256 key when configured). */
export async function createTokenVerifier(config: TokenConfig): Promise<TokenVerifier> {
  const rs256 = config.JWT_PUBLIC_KEY !== undefined;
  const key = rs256
    ? await importSPKI(config.JWT_PUBLIC_KEY!, 'RS256')
    : new TextEncoder().encode(config.JWT_SECRET);
  const options = {
    issuer: config.JWT_ISSUER,
    algorithms: [rs256 ? 'RS256' : 'HS256'],
    requiredClaims: ['sub', 'exp'],
    clockTolerance: CLOCK_TOLERANCE_S,
  };
  // A signature check costs more than the rest of a cached feed request, so
  // a token that verified is remembered with its expiry; it is refused once
  // expired like any other. The cache is emptied whole when full.
  const verified = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known !== undefined) {
      if (Date.now() <= known.expiresAtMs) return known.claims;
      verified.delete(token);
      throw new TokenError('expired');
    }
    try {
      const { payload } = await jwtVerify(token, key, options);
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
        throw new TokenError('invalid');
      }
      const claims = { userId: payload.sub, admin: payload.role === 'admin' };
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
      verified.set(token, { claims, expiresAtMs: (payload.exp! + CLOCK_TOLERANCE_S) * 1000 });
      return claims;
    } catch (error) {
      if (error instanceof TokenError) throw error;
      throw new TokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
  };
}

/** What to put in a new token. */
export interface TokenRequest {
  userId: string;
  admin?: boolean;
  /** Lifetime in seconds (default one day); negative makes it expired. */
  ttlSeconds?: number;
  /** PKCS#8 PEM private key: signs RS256 instead of HS256 with JWT_SECRET. */
  privateKeyPem?: string;
}

/** Signs a token for development and tests (`npm run token`). */
export async function signToken(config: TokenConfig, request: TokenRequest): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: request.admin ? 'admin' : 'user' })
    .setSubject(request.userId)
    .setIssuer(config.JWT_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? 24 * 3600));
  if (request.privateKeyPem !== undefined) {
    const key = await importPKCS8(request.privateKeyPem, 'RS256');
    return jwt.setProtectedHeader({ alg: 'RS256' }).sign(key);
  }
  return jwt
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(config.JWT_SECRET));
}
