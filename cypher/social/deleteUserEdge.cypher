// Removes the $type edge (FOLLOWS, BLOCKS or MUTES) from $viewerId to
// $userId, if there is one.
MATCH (:User {id: $viewerId})-[edge:$($type)]->(:User {id: $userId})
DELETE edge
RETURN count(*) AS deleted
