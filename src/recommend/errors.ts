/**
 * Errors the engine raises for a caller's mistake, or OVERLOADED when it
 * sheds load (retry later). `code` matches the API's error codes so the
 * GraphQL layer can pass it on unchanged.
 */
export class RecommendError extends Error {
  override name = 'RecommendError';

  constructor(
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'OVERLOADED',
    message: string,
  ) {
    super(message);
  }
}
