// Creates or updates the posts in $posts with their author (replacing
// another author) and tags (added to existing ones). Reply links are
// written afterwards by ingestReplyLinks, once every post exists.
UNWIND $posts AS row
MERGE (post:Post {id: row.id})
SET post += row.properties,
  post.createdAt = coalesce(row.createdAt, post.createdAt, timestamp())
WITH post, row
CALL (post, row) {
  OPTIONAL MATCH (post)<-[old:AUTHORED]-(other:User)
  WHERE row.authorId IS NULL OR other.id <> row.authorId
  DELETE old
}
CALL (post, row) {
  MATCH (author:User {id: row.authorId})
  MERGE (author)-[:AUTHORED]->(post)
}
CALL (post, row) {
  UNWIND row.tags AS name
  MERGE (tag:Tag {name: name})
  MERGE (post)-[tagged:TAGGED]->(tag)
  ON CREATE SET tagged.weight = 1.0
}
RETURN count(post) AS written
