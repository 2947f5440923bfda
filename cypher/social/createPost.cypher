// Writes a post by $viewerId with its tags ($tags, lower-case names) and,
// when $replyToId is set, the REPLY_TO edge and the author's REPLIED
// engagement with the parent (one per pair; the latest reply's time).
// $embedding (a checked vector, or null) is stored when given.
MATCH (viewer:User {id: $viewerId})
CREATE (viewer)-[:AUTHORED]->(post:Post {
  id: $id, text: $text, title: $title, kind: $kind, visibility: $visibility,
  createdAt: timestamp(), source: 'api', embedding: $embedding
})
FOREACH (name IN $tags |
  MERGE (tag:Tag {name: name})
  CREATE (post)-[:TAGGED {weight: 1.0}]->(tag)
)
WITH viewer, post
OPTIONAL MATCH (parent:Post {id: $replyToId})
FOREACH (p IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END |
  CREATE (post)-[:REPLY_TO]->(p)
  MERGE (viewer)-[replied:REPLIED]->(p)
  SET replied.at = post.createdAt, replied.weight = 1.0
)
RETURN post.id AS id, {{postMap}} AS post
