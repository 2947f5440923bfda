// Makes one $type edge (FOLLOWS, BLOCKS or MUTES) from $viewerId to
// $userId, stamped with the time; an existing one is kept as it is. Run
// after lockViewerAndUser in the same transaction.
MATCH (viewer:User {id: $viewerId}), (user:User {id: $userId})
MERGE (viewer)-[edge:$($type)]->(user)
ON CREATE SET edge.at = timestamp()
RETURN edge.at AS at
