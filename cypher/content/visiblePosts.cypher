// The posts among $ids that viewer $viewerId may see (see Visibility in
// docs/data-model.md): not deleted; public, or the viewer's own, or by an
// author the viewer follows; no block either way. With $recommending also
// drops muted authors and hidden posts. $viewerId null means an anonymous
// viewer (public posts only). Returns tag names; the post's embedding when $withEmbedding;
// and `contentScore`, Neo4j's cosine similarity mapped to [0, 1] as
// (1 + cos) / 2, between the post and $embedding when both have one (a
// zero vector has no cosine: Neo4j refuses it, so it counts as none).
OPTIONAL MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (p:Post {id: id})
WHERE p.deletedAt IS NULL
OPTIONAL MATCH (author:User)-[:AUTHORED]->(p)
WITH viewer, p, author
WHERE (p.visibility = 'PUBLIC'
       OR (viewer IS NOT NULL AND author IS NOT NULL
           AND (author = viewer OR EXISTS { (viewer)-[:FOLLOWS]->(author) })))
  AND (viewer IS NULL OR author IS NULL OR author = viewer
       OR (NOT EXISTS { (viewer)-[:BLOCKS]-(author) }
           AND NOT ($recommending AND EXISTS { (viewer)-[:MUTES]->(author) })))
  AND (viewer IS NULL OR NOT ($recommending AND EXISTS { (viewer)-[:HID]->(p) }))
RETURN p.id AS id,
       [(p)-[:TAGGED]->(t:Tag) | t.name] AS tags,
       CASE WHEN $withEmbedding THEN p.embedding END AS embedding,
       CASE WHEN $embedding IS NOT NULL AND any(x IN p.embedding WHERE x <> 0)
         THEN vector.similarity.cosine(p.embedding, $embedding) END AS contentScore
