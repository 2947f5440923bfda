// Of $userIds, the users $viewerId may be suggested to follow: not the
// viewer, not already followed, not blocked either way, not muted.
MATCH (v:User {id: $viewerId})
UNWIND $userIds AS userId
MATCH (u:User {id: userId})
WHERE u <> v
  AND NOT EXISTS { (v)-[:FOLLOWS]->(u) }
  AND NOT EXISTS { (v)-[:BLOCKS]-(u) }
  AND NOT EXISTS { (v)-[:MUTES]->(u) }
RETURN u.id AS userId, u.handle AS handle, u.displayName AS displayName
