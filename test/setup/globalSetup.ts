/**
 * Starts (or finds running) the local `test` Neo4j instance before any test
 * file runs, and applies the migrations. The server is left running after
 * the suite so the next run starts fast; `npm run db:stop:test` stops it.
 */
import { loadConfig, usesLocalNeo4j } from '../../src/config.js';
import { connectDatabase } from '../../src/grapevine.js';
import { localNeo4jOptions, startLocalNeo4j } from '../../src/db/localNeo4j.js';
import { silentLogger } from '../../src/log.js';
import { testEnv } from './testEnv.js';

export default async function setup(): Promise<void> {
  Object.assign(process.env, testEnv);
  const config = loadConfig();
  if (usesLocalNeo4j(config)) {
    await startLocalNeo4j(localNeo4jOptions(config));
  }
  const db = await connectDatabase(config, silentLogger);
  await db.close();
}
