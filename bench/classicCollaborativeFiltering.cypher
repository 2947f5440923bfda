// The classic Cypher collaborative filter, the baseline of `npm run bench`:
// "people who liked what you liked also liked", counted by co-likers.
// $viewerId the viewer; $first how many posts.
MATCH (viewer:User {id: $viewerId})-[:LIKED]->(:Post)<-[:LIKED]-(other:User)
MATCH (other)-[:LIKED]->(post:Post)
WHERE other <> viewer AND NOT (viewer)-[:LIKED]->(post)
RETURN post.id AS postId, count(*) AS score
ORDER BY score DESC, postId
LIMIT $first
