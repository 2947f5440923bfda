/**
 * From the Authorization header to the viewer, and the checks resolvers
 * make before acting. No header means anonymous; a header that is not a
 * valid bearer token is refused with UNAUTHENTICATED for the whole request.
 */
import { TokenError, type TokenVerifier } from '../auth/tokens.js';
import type { GraphQLContext, Viewer } from './context.js';
import { ErrorCode, userError } from './errors.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

function unauthenticated(message: string, reason: string) {
  return userError(ErrorCode.UNAUTHENTICATED, message, { reason, http: { status: 401 } });
}

/** Reads the viewer from an Authorization header value; null if absent. */
export async function readViewer(
  header: string | undefined,
  verify: TokenVerifier,
): Promise<Viewer | null> {
  if (header === undefined || header.trim() === '') return null;
  const match = BEARER.exec(header.trim());
  if (!match) {
    throw unauthenticated(
      'The Authorization header must be "Bearer <token>", but it is something else.',
      'malformed',
    );
  }
  try {
    const claims = await verify(match[1]!);
    return { id: claims.userId, admin: claims.admin };
  } catch (error) {
    if (error instanceof TokenError && error.problem === 'expired') {
      throw unauthenticated('The bearer token has expired; get a new one.', 'expired');
    }
    throw unauthenticated(
      'The bearer token is not valid: wrong signature, issuer, algorithm or claims.',
      'invalid',
    );
  }
}

/** The viewer, or UNAUTHENTICATED when the request is anonymous. */
export function requireViewer(context: GraphQLContext): Viewer {
  if (context.viewer === null) {
    throw userError(
      ErrorCode.UNAUTHENTICATED,
      'This needs a signed-in user: send "Authorization: Bearer <token>".',
    );
  }
  return context.viewer;
}

/** The viewer when an administrator; FORBIDDEN for other users. */
export function requireAdmin(context: GraphQLContext): Viewer {
  const viewer = requireViewer(context);
  if (!viewer.admin) {
    throw userError(ErrorCode.FORBIDDEN, 'Only administrators may do this.');
  }
  return viewer;
}
