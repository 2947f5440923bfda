// How $viewerId relates to each user in $ids: follows, followed by, blocks,
// mutes.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (user:User {id: id})
RETURN id,
  EXISTS { (viewer)-[:FOLLOWS]->(user) } AS follows,
  EXISTS { (user)-[:FOLLOWS]->(viewer) } AS followedBy,
  EXISTS { (viewer)-[:BLOCKS]->(user) } AS blocks,
  EXISTS { (viewer)-[:MUTES]->(user) } AS mutes
