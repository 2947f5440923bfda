/**
 * The long-lived parts one Grapevine process shares between requests.
 * Built once in main.ts (or by a test) and passed down explicitly.
 */
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Embedder } from './content/embedder.js';
import type { Logger } from './log.js';
import type { Engine } from './recommend/engine.js';

export interface Services {
  config: Config;
  db: Database;
  log: Logger;
  /** Grapevine's version, from package.json. */
  version: string;
  /** The recommendation engine, with its in-memory graph kept fresh. */
  engine: Engine;
  /** Embeds new posts (fold-in) with the trained content model. */
  embedder: Embedder;
}
