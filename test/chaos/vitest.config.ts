import { defineConfig } from 'vitest/config';
import { testEnv } from '../setup/testEnv.js';

/**
 * `npm run test:chaos`: the fault checks (Neo4j killed, SIGTERM under load,
 * a memory soak) and the hostile input corpus. They start their own
 * `chaos` Neo4j instance and API processes, take minutes, and are kept out
 * of `npm test` (which still runs the hostile corpus, the one fast check).
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/chaos/**/*.test.ts', 'test/chaos/**/*.chaos.ts'],
    globalSetup: ['test/setup/globalSetup.ts', 'test/chaos/globalSetup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: testEnv,
  },
});
