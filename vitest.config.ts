import { defineConfig } from 'vitest/config';
import { testEnv } from './test/setup/testEnv.js';

/**
 * Tests run against a real Neo4j: the `test` instance of the local server
 * (its own folder and ports, so development data is never touched), started
 * or reused by the global setup. Community Edition has one user database,
 * so test files run one at a time and each wipes the data it needs clean.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/globalSetup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: testEnv,
    // The JSON report lets .ci/run print its own `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
