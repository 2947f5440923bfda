/**
 * Errors the engine raises for a caller's mistake. `code` matches the API's
 * error codes so the GraphQL layer can pass it on unchanged.
 */
export class RecommendError extends Error {
  override name = 'RecommendError';

  constructor(
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}
