/**
 * Communities and influence on the follow graph.
 *
 * Communities: Louvain modularity optimisation (Blondel et al., "Fast
 * unfolding of communities in large networks", 2008), via
 * graphology-communities-louvain on the directed follow graph, with the
 * seeded RNG so the partition repeats. Communities are numbered by size
 * (largest is 0), ties by their smallest member id.
 * Influence: PageRank (Brin & Page, 1998; damping alpha = 0.85) on the
 * same graph, via graphology-metrics.
 */
import type { Random } from '../math/random.js';
import { compareIds } from '../math/ranking.js';
import { louvain, pagerank } from './libraries.js';
import type { FollowGraph } from './projection.js';

export interface GraphAnalytics {
  /** Community number of each user id. */
  communityOf: Map<string, number>;
  /** Members of each community, most influential (PageRank) first. */
  members: string[][];
  /** PageRank of each user id (sums to 1 over users). */
  pageRank: Map<string, number>;
  /** Modularity of the partition, in [-0.5, 1]. */
  modularity: number;
}

/** Computes communities and PageRank of the follow graph. */
export function analyseFollowGraph(follows: FollowGraph, random: Random): GraphAnalytics {
  const ranks = follows.order === 0 ? {} : pagerank(follows, { getEdgeWeight: null });
  const pageRank = new Map(Object.entries(ranks));
  const byPageRank = (a: string, b: string) =>
    (pageRank.get(b) ?? 0) - (pageRank.get(a) ?? 0) || compareIds(a, b);

  let raw: Record<string, number> = {};
  let modularity = 0;
  if (follows.size > 0) {
    const detailed = louvain.detailed(follows, { getEdgeWeight: null, rng: random });
    raw = detailed.communities;
    modularity = detailed.modularity;
  }
  const groups = new Map<string, string[]>();
  follows.forEachNode((node: string) => {
    const key = raw[node] === undefined ? `alone:${node}` : String(raw[node]);
    groups.set(key, [...(groups.get(key) ?? []), node]);
  });
  const members = [...groups.values()]
    .map((group) => group.sort(compareIds))
    .sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!))
    .map((group) => group.sort(byPageRank));
  const communityOf = new Map<string, number>();
  members.forEach((group, id) => group.forEach((user) => communityOf.set(user, id)));
  return { communityOf, members, pageRank, modularity };
}
