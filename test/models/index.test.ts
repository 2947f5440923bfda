import { describe, expect, it } from 'vitest';
import { createModel, MODEL_NAMES } from '../../src/models/index.js';

describe('createModel', () => {
  it('builds every named model with that name', () => {
    expect([...MODEL_NAMES]).toEqual([
      'als',
      'ease',
      'multvae',
      'multdae',
      'gru4rec',
      'puresvd',
    ]);
    for (const name of MODEL_NAMES) expect(createModel(name).name).toBe(name);
  });

  it('refuses an unknown name and lists the known ones', () => {
    expect(() => createModel('bpr')).toThrow(/^BAD_OPTION: model must be one of als, ease/);
  });
});
