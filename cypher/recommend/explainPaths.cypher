// The graph paths from $viewerId to $postId that recommenders follow, each
// as node ids/labels and relationship types: followed author, followees who
// engaged, co-engagement through another user, shared tags. Up to $limit
// of each kind, in a fixed order. The same users and posts joined by
// other relationship types (liked and also reposted) are one path, the
// first by type names. Users blocked either way and deleted posts never
// appear on a path, nor posts the viewer may not see. One row (paths
// possibly empty) when the post is visible to the viewer, none otherwise.
MATCH (v:User {id: $viewerId}), (p:Post {id: $postId})
WHERE p.deletedAt IS NULL
  AND NOT EXISTS { (v)-[:BLOCKS]-(:User)-[:AUTHORED]->(p) }
  AND (p.visibility = 'PUBLIC'
    OR EXISTS { (v)-[:FOLLOWS]->(:User)-[:AUTHORED]->(p) }
    OR EXISTS { (v)-[:AUTHORED]->(p) })
OPTIONAL CALL (v, p) {
  MATCH path = (v)-[:FOLLOWS]->(:User)-[:AUTHORED]->(p)
  RETURN 'FOLLOWED_AUTHOR' AS kind, path
  LIMIT $limit
  UNION ALL
  MATCH path = (v)-[:FOLLOWS]->(f:User)-[:LIKED|REPOSTED|REPLIED]->(p)
  WHERE NOT EXISTS { (v)-[:BLOCKS]-(f) }
  WITH f, path ORDER BY [r IN relationships(path) | type(r)]
  WITH f, collect(path)[0] AS path
  RETURN 'ENGAGED_BY_FOLLOWEES' AS kind, path
  ORDER BY f.id
  LIMIT $limit
  UNION ALL
  MATCH path = (v)-[:LIKED|REPOSTED|REPLIED]->(s:Post)
    <-[:LIKED|REPOSTED|REPLIED]-(o:User)-[:LIKED|REPOSTED|REPLIED]->(p)
  WHERE s <> p AND o <> v AND s.deletedAt IS NULL
    AND NOT EXISTS { (v)-[:BLOCKS]-(:User)-[:AUTHORED]->(s) }
    AND (coalesce(s.visibility, 'PUBLIC') = 'PUBLIC'
      OR EXISTS { (v)-[:AUTHORED]->(s) }
      OR EXISTS { (v)-[:FOLLOWS]->(:User)-[:AUTHORED]->(s) })
    AND NOT EXISTS { (v)-[:BLOCKS]-(o) }
  WITH s, o, path ORDER BY [r IN relationships(path) | type(r)]
  WITH s, o, collect(path)[0] AS path
  RETURN 'CO_ENGAGEMENT' AS kind, path
  ORDER BY s.id, o.id
  LIMIT $limit
  UNION ALL
  MATCH path = (v)-[:LIKED|REPOSTED|REPLIED]->(s:Post)-[:TAGGED]->(t:Tag)
    <-[:TAGGED]-(p)
  WHERE s <> p AND s.deletedAt IS NULL
    AND NOT EXISTS { (v)-[:BLOCKS]-(:User)-[:AUTHORED]->(s) }
    AND (coalesce(s.visibility, 'PUBLIC') = 'PUBLIC'
      OR EXISTS { (v)-[:AUTHORED]->(s) }
      OR EXISTS { (v)-[:FOLLOWS]->(:User)-[:AUTHORED]->(s) })
  WITH s, t, path ORDER BY [r IN relationships(path) | type(r)]
  WITH s, t, collect(path)[0] AS path
  RETURN 'SHARED_TAG' AS kind, path
  ORDER BY s.id, t.name
  LIMIT $limit
}
RETURN p.id AS postId, collect(CASE WHEN path IS NULL THEN null ELSE {
  kind: kind,
  nodes: [n IN nodes(path) | {label: labels(n)[0], id: coalesce(n.id, n.name)}],
  relationships: [r IN relationships(path) | type(r)]
} END) AS paths
