/**
 * Brings a Grapevine process up and down: the local Neo4j when no
 * NEO4J_URI is set, the driver, migrations, the recommendation engine with
 * its in-memory graph, the background fold-in of new posts into the stored
 * factor models, then the HTTP server.
 * main.ts calls it; tests call it too, to serve on a port of their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, projectRoot, usesLocalNeo4j, type Config } from './config.js';
import { createDriver, Database } from './db/database.js';
import { isPortFree, localNeo4jOptions, startLocalNeo4j } from './db/localNeo4j.js';
import { applyMigrations } from './db/migrations.js';
import { loadSeedIfEmpty } from './import/loadSeed.js';
import { createApp, type App } from './app.js';
import { createEmbedder } from './content/contentEmbedder.js';
import { trainContent } from './content/trainContent.js';
import { startPostFoldIn } from './models/factorFoldIn.js';
import { createEngineFromConfig } from './recommend/engine.js';
import { warmUpEngine } from './recommend/warmUp.js';
import type { Logger } from './log.js';
import type { Services } from './services.js';

export interface Grapevine {
  services: Services;
  app: App;
  /** The port the API listens on. */
  port: number;
  /** Graceful stop: drain HTTP, then close the driver. Neo4j keeps running. */
  close(): Promise<void>;
}

/** Reads Grapevine's version from package.json. */
export function packageVersion(): string {
  const file = path.join(projectRoot, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Connects to Neo4j (starting the local one if needed) and migrates. */
export async function connectDatabase(config: Config, log: Logger): Promise<Database> {
  if (usesLocalNeo4j(config)) {
    await startLocalNeo4j(localNeo4jOptions(config), log);
  }
  const db = new Database(createDriver(config), config.NEO4J_DATABASE);
  try {
    await db.driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
    await applyMigrations(db, { embeddingDimensions: config.EMBEDDING_DIMENSIONS }, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Starts everything and listens on config.HOST:config.PORT. */
export async function startGrapevine(config: Config, log: Logger): Promise<Grapevine> {
  // Before minutes of loading, not after: a second `npm start` says so at once.
  if (config.PORT !== 0 && !(await isPortFree(config.PORT, config.HOST))) {
    throw new ConfigError(
      `PORT ${config.PORT} on ${config.HOST} is taken by another program ` +
        '(is Grapevine already running?); stop it or choose another PORT.',
    );
  }
  const db = await connectDatabase(config, log);
  if (await loadSeedIfEmpty(db, config, log)) {
    // A fresh seed gets content embeddings at once, so similar text and the
    // content source work on the first request.
    await trainContent({ config, db, log });
  }
  const engine = createEngineFromConfig(config, db, log);
  await engine.projection.start();
  await warmUpEngine(engine);
  const foldIn = startPostFoldIn(db, log, config.FACTOR_FOLD_IN_INTERVAL_MS);
  const embedder = createEmbedder(config);
  const services: Services = { config, db, log, version: packageVersion(), engine, embedder };
  const app = await createApp(services);
  const port = await app.listen(config.PORT, config.HOST);
  log.info({ url: `http://${config.HOST}:${port}/graphql` }, 'Grapevine is listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.stop();
      await engine.projection.stop();
      await foldIn.stop();
      await db.close();
      log.info('Grapevine stopped');
    })());
  return { services, app, port, close };
}
