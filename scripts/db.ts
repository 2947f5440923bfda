/**
 * `npm run db:start | db:stop | db:status | db:install`: manages the local
 * Neo4j instance named by NEO4J_LOCAL_INSTANCE (default `dev`).
 */
import { loadConfig } from '../src/config.js';
import {
  installNeo4j,
  LocalNeo4jError,
  localNeo4jOptions,
  localNeo4jStatus,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../src/db/localNeo4j.js';
import { createLogger } from '../src/log.js';

const USAGE = 'usage: tsx scripts/db.ts <install|start|stop|status>';

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_PRETTY: true });
  const options = localNeo4jOptions(config);

  switch (command) {
    case 'install':
      installNeo4j(options.dir, log);
      console.log(`Neo4j jars are in ${options.dir}/lib`);
      return;
    case 'start': {
      const status = await startLocalNeo4j(options, log);
      const verb = status.alreadyRunning ? 'already running' : 'started';
      console.log(`Neo4j "${status.instance}" ${verb} at ${status.boltUri} (pid ${status.pid})`);
      return;
    }
    case 'stop': {
      const stopped = await stopLocalNeo4j(options);
      console.log(stopped
        ? `Neo4j "${options.instance}" stopped; its data is kept.`
        : `Neo4j "${options.instance}" was not running.`);
      return;
    }
    case 'status': {
      const status = await localNeo4jStatus(options);
      console.log(JSON.stringify(status, null, 2));
      process.exitCode = status.running ? 0 : 3;
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  if (error instanceof LocalNeo4jError) {
    console.error(`error [${error.code}]: ${error.message}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exitCode = 1;
});
