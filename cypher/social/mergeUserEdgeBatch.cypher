// Makes one $type edge (FOLLOWS or MUTES) from each item's viewer to its
// user ($items: {viewerId, userId}), stamped with the time; an existing
// edge is kept as it is. Run after checkUserEdgeBatch, on the items it
// passed, in the same transaction.
UNWIND $items AS item
MATCH (viewer:User {id: item.viewerId}), (user:User {id: item.userId})
MERGE (viewer)-[edge:$($type)]->(user)
ON CREATE SET edge.at = timestamp()
RETURN count(edge) AS merged
