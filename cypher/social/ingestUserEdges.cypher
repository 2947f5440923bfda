// Creates or updates user-to-user edges in $edges ({type, fromId, toId,
// properties}); type is FOLLOWS, BLOCKS or MUTES, one edge per pair. A
// BLOCKS edge ends the follows between the two users, both ways, as the
// block mutation does (a FOLLOWS across a block is refused before this).
UNWIND $edges AS row
MATCH (from:User {id: row.fromId}), (to:User {id: row.toId})
MERGE (from)-[edge:$(row.type)]->(to)
SET edge += row.properties
WITH from, to, edge, row
CALL (from, to, row) {
  OPTIONAL MATCH (from)-[follow:FOLLOWS]-(to)
  WHERE row.type = 'BLOCKS'
  DELETE follow
}
RETURN count(edge) AS written
