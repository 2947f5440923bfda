// Creates or updates user-to-post edges in $edges ({type, fromId, toId,
// properties}); type is LIKED, REPOSTED, REPLIED, VIEWED or HID, one edge
// per pair.
UNWIND $edges AS row
MATCH (from:User {id: row.fromId}), (to:Post {id: row.toId})
MERGE (from)-[edge:$(row.type)]->(to)
SET edge += row.properties
RETURN count(edge) AS written
