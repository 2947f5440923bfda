/**
 * Neighbour lists in Neo4j: `npm run train -- ease` (or `multvae`,
 * `multdae`, `gru4rec`) writes every catalogue post's nearest posts and
 * every training user's best posts (src/models/neighbourModel.ts) as
 * parallel list properties, and records the model on its
 * `(:LearnedModel {name})` node, which similar posts and the feed read.
 *
 *   (:Post).easeNeighbours        [post id]  best first, at most k = 50
 *   (:Post).easeNeighbourScores   [float]    in (0, 1], best = 1
 *   (:User).easeRecommendations   [post id]  best unseen first, at most 200
 *   (:User).easeRecommendationScores [float]
 *
 * Lists on the nodes rather than `(:Post)-[:MODEL_NEIGHBOUR]->(:Post)`
 * relationships: a version is one property write per post (17,632 on
 * Last.fm) instead of k relationships per post (881,600 for GRU4Rec, plus
 * as many deleted), so a whole version fits one transaction's memory; a
 * read is one node and k id lookups; and no post-to-post relationship
 * appears in the graph queries and projections that walk `(p)--()`. The
 * price: a list names ids, so a post deleted since training stays listed
 * until the next run (readers match ids and filter visibility anyway),
 * and "which posts list q" has no index (nothing asks it).
 *
 * Nothing is half-written: every score is checked finite and in (0, 1]
 * first (checkNeighbourSnapshot), then the model's old lists are removed,
 * the new ones written in UNWIND batches and the model node updated, all
 * in one write transaction. A failure anywhere leaves the previous version
 * whole.
 */
import { cypher } from '../db/cypher.js';
import { int, type Database } from '../db/database.js';
import type { Logger } from '../log.js';
import {
  checkNeighbourSnapshot,
  storedProperties,
  type NeighbourSnapshot,
  type RankedList,
} from './neighbourModel.js';
import { clearNodeProperties, writeNodeProperties } from './nodeProperties.js';

export const NEIGHBOUR_STORE_DEFAULTS = {
  /** Lists per UNWIND query (rows). */
  batchSize: 1000,
};

/** What `storeNeighbours` wrote. */
export interface StoredNeighbours {
  model: string;
  version: number;
  /** Posts that got a neighbour list. */
  posts: number;
  /** Users that got a recommendation list. */
  users: number;
}

/**
 * Checks every list of `snapshot` (ModelError DIVERGED on NaN or infinity,
 * BAD_OPTION on other faults, before anything is written), then replaces
 * the model's lists and its :LearnedModel node in one transaction.
 */
export async function storeNeighbours(
  db: Database,
  snapshot: NeighbourSnapshot,
  log?: Logger,
  options = NEIGHBOUR_STORE_DEFAULTS,
): Promise<StoredNeighbours> {
  checkNeighbourSnapshot(snapshot);
  const keys = storedProperties(snapshot.model);
  const rows = (lists: readonly RankedList[], ids: string, scores: string) =>
    lists.map((list) => ({ id: list.id, props: { [ids]: list.ids, [scores]: list.scores } }));
  const posts = rows(snapshot.posts, keys.neighbours, keys.neighbourScores);
  const users = rows(snapshot.users, keys.list, keys.listScores);

  const version = Date.now();
  const written = await db.writeTransaction(async (tx) => {
    await clearNodeProperties(tx, 'Post', [keys.neighbours, keys.neighbourScores]);
    await clearNodeProperties(tx, 'User', [keys.list, keys.listScores]);
    const counts = {
      posts: await writeNodeProperties(tx, 'Post', posts, options.batchSize),
      users: await writeNodeProperties(tx, 'User', users, options.batchSize),
    };
    await tx.run(cypher('models/setLearnedModel'), {
      name: snapshot.model,
      version: int(version),
      trainedAt: int(version),
      users: int(snapshot.users.length),
      items: int(snapshot.posts.length),
      foldIn: 'neighbours',
      neighbours: int(snapshot.neighbours),
      listSize: int(snapshot.listSize),
      factors: null, alpha: null, binary: null, gram: null,
    });
    return counts;
  });
  log?.info({ model: snapshot.model, version, ...written }, 'neighbours stored');
  return { model: snapshot.model, version, ...written };
}
