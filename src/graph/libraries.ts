/**
 * graphology's algorithm packages, typed. They are CommonJS whose typings
 * declare an ES default export; under NodeNext TypeScript then types the
 * default import as the module object, while Node hands us the function.
 * This one adapter takes whichever of the two is the function.
 */
import louvainModule from 'graphology-communities-louvain';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';

type Louvain = (typeof import('graphology-communities-louvain'))['default'];
type Pagerank = (typeof import('graphology-metrics/centrality/pagerank.js'))['default'];

function unwrap<T>(module: unknown): T {
  const inner = (module as { default?: unknown }).default;
  return (typeof inner === 'function' ? inner : module) as T;
}

/** Louvain community detection (graphology-communities-louvain). */
export const louvain = unwrap<Louvain>(louvainModule);
/** PageRank by power iteration (graphology-metrics). */
export const pagerank = unwrap<Pagerank>(pagerankModule);
