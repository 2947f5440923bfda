// Ends the follows between $viewerId and $userId in both directions (what
// a block does).
MATCH (:User {id: $viewerId})-[follow:FOLLOWS]-(:User {id: $userId})
DELETE follow
RETURN count(*) AS deleted
