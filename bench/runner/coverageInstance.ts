/**
 * The `coverage` local instance (ports 7695/7495 unless COVERAGE_BOLT_PORT
 * and COVERAGE_HTTP_PORT say otherwise) that the Last.fm benches run the
 * engine against in process; `bench/lastfmCoverage.ts` imports Last.fm
 * into it when it is empty.
 */
import { loadConfig, type Config } from '../../src/config.js';

/** The configuration of the coverage instance, with `overrides` on top. */
export function coverageConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    NEO4J_LOCAL_INSTANCE: 'coverage',
    NEO4J_LOCAL_BOLT_PORT: process.env.COVERAGE_BOLT_PORT ?? '7695',
    NEO4J_LOCAL_HTTP_PORT: process.env.COVERAGE_HTTP_PORT ?? '7495',
    NEO4J_PASSWORD: 'grapevine-coverage-password',
    ...overrides,
  });
}
