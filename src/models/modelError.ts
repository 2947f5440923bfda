/**
 * The one error type learned models throw. `code` is stable so callers
 * (the training CLI, the feed, the evaluation harness) can branch on it.
 */

/** Why training or scoring refused to go on. */
export type ModelErrorCode =
  | 'EMPTY_DATA'
  | 'EMPTY_ROW'
  | 'NON_FINITE_INPUT'
  | 'TOO_MANY_FACTORS'
  | 'BAD_OPTION'
  | 'DIVERGED'
  | 'NOT_FITTED'
  | 'UNKNOWN_INDEX';

/** A model failed loudly instead of letting bad numbers reach the ranking. */
export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Throws DIVERGED when any value of `values` is NaN or infinite. */
export function assertFiniteValues(
  values: ArrayLike<number>,
  what: string,
): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new ModelError(
        'DIVERGED',
        `${what} must be finite numbers, but entry ${i} is ${values[i]}; ` +
          'lower the learning rate or raise the regularisation',
      );
    }
  }
}

/** Throws BAD_OPTION unless `value` is an integer in [min, max]. */
export function checkInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ModelError(
      'BAD_OPTION',
      `${name} must be an integer in [${min}, ${max}], but got: ${value}`,
    );
  }
}

/** Throws BAD_OPTION unless `value` is a finite number >= `min`. */
export function checkNumber(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min) {
    throw new ModelError(
      'BAD_OPTION',
      `${name} must be a finite number >= ${min}, but got: ${value}`,
    );
  }
}

/**
 * Throws TOO_MANY_FACTORS when a model asks for more latent dimensions
 * than there are users or items to tell apart.
 */
export function checkFactorCount(
  what: string,
  value: number,
  users: number,
  items: number,
): void {
  const limit = Math.min(users, items);
  if (value > limit) {
    throw new ModelError(
      'TOO_MANY_FACTORS',
      `${what} must be at most min(users, items) = ${limit}, ` +
        `but got: ${value}`,
    );
  }
}
