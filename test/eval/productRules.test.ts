/**
 * The product rules the blend fit may not break (no database needed).
 */
import { describe, expect, it } from 'vitest';
import { withProductRules } from '../../src/eval/harness.js';

describe('withProductRules', () => {
  it('raises a leading source to its multiple of all other weights together', () => {
    expect(withProductRules({ socialProof: 1, itemCF: 4, userCF: 0.5 }, { socialProof: 2 }))
      .toEqual({ socialProof: 9, itemCF: 4, userCF: 0.5 });
  });

  it('leaves weights that already obey the rule, and sources it does not name', () => {
    const weights = { socialProof: 3, itemCF: 2 };
    expect(withProductRules(weights, { socialProof: 1.25 })).toEqual(weights);
    expect(withProductRules({ itemCF: 2 }, { socialProof: 1.25 })).toEqual({ itemCF: 2 });
  });
});
