// Posts written since $since (epoch ms) by the users $viewerId follows,
// newest first.
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(a:User)-[:AUTHORED]->(p:Post)
WHERE p.createdAt >= $since AND p.deletedAt IS NULL
RETURN p.id AS postId, a.id AS authorId, p.createdAt AS createdAt
ORDER BY createdAt DESC, postId
LIMIT $limit
