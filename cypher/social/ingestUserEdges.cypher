// Creates or updates user-to-user edges in $edges ({type, fromId, toId,
// properties}); type is FOLLOWS, BLOCKS or MUTES, one edge per pair.
UNWIND $edges AS row
MATCH (from:User {id: row.fromId}), (to:User {id: row.toId})
MERGE (from)-[edge:$(row.type)]->(to)
SET edge += row.properties
RETURN count(edge) AS written
