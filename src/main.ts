/**
 * `npm start`: serve the GraphQL API. Starts the local Neo4j when NEO4J_URI
 * is unset, applies migrations, and stops gracefully on SIGTERM or SIGINT.
 */
import { ConfigError, loadConfig } from './config.js';
import { LocalNeo4jError } from './db/localNeo4j.js';
import { startGrapevine } from './grapevine.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const grapevine = await startGrapevine(config, log);

  const shutdown = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    grapevine.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LocalNeo4jError) {
    const code = error instanceof LocalNeo4jError ? ` [${error.code}]` : '';
    console.error(`grapevine: cannot start${code}: ${error.message}`);
  } else {
    console.error('grapevine: cannot start:', error);
  }
  process.exit(1);
});
