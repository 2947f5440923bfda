// Of $postIds, the posts that may be recommended to $viewerId (see the
// visibility rules in docs/data-model.md): not deleted; not the viewer's
// own; author not blocked either way nor muted; public, or followers-only
// by an author the viewer follows; not engaged, seen (VIEWED) or hidden.
MATCH (v:User {id: $viewerId})
UNWIND $postIds AS postId
MATCH (p:Post {id: postId})
WHERE p.deletedAt IS NULL
  AND NOT EXISTS { (v)-[:LIKED|REPOSTED|REPLIED|VIEWED|HID]->(p) }
OPTIONAL MATCH (author:User)-[:AUTHORED]->(p)
WITH v, p, author
WHERE CASE
  WHEN author IS NULL THEN p.visibility = 'PUBLIC'
  ELSE author <> v
    AND NOT EXISTS { (v)-[:BLOCKS]-(author) }
    AND NOT EXISTS { (v)-[:MUTES]->(author) }
    AND (p.visibility = 'PUBLIC' OR EXISTS { (v)-[:FOLLOWS]->(author) })
END
RETURN p.id AS postId, author.id AS authorId, p.createdAt AS createdAt,
  p.text AS text, p.embedding AS embedding,
  [(p)-[:TAGGED]->(t:Tag) | t.name] AS tags
