/**
 * The environment every test runs with: the local `test` Neo4j instance on
 * its own ports, so development data is never touched. Set
 * GRAPEVINE_TEST_NEO4J_URI to run the suite against another server instead
 * (it wipes that server's data).
 */
export const testEnv: Record<string, string> = {
  NEO4J_URI: process.env.GRAPEVINE_TEST_NEO4J_URI ?? '',
  NEO4J_PASSWORD: process.env.GRAPEVINE_TEST_NEO4J_PASSWORD ?? 'grapevine-test-password',
  NEO4J_LOCAL_INSTANCE: 'test',
  NEO4J_LOCAL_BOLT_PORT: process.env.GRAPEVINE_TEST_BOLT_PORT ?? '7688',
  NEO4J_LOCAL_HTTP_PORT: process.env.GRAPEVINE_TEST_HTTP_PORT ?? '7475',
  NEO4J_LOCAL_HEAP: '1g',
  NEO4J_LOCAL_PAGECACHE: '1g',
  EMBEDDING_DIMENSIONS: '128',
  // Tests check answers, not speed: no source is cut short on a busy machine.
  FEED_SOURCE_BUDGET_MS: '30000',
  // Tests that want the background post fold-in start it themselves.
  FACTOR_FOLD_IN_INTERVAL_MS: '0',
  // Tests build their own graphs: no generated seed when a server starts.
  SEED_USERS: '0',
  // The many servers tests start and stop need no pre-drain delay; the
  // chaos suite's SIGTERM check runs with the default.
  SHUTDOWN_DELAY_MS: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  LOG_PRETTY: 'false',
};
