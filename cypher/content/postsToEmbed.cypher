// One page of non-deleted posts in id order, after $after, with what the
// content embedder reads: title, text and tag names. Training walks all
// posts page by page ($limit per page).
MATCH (p:Post)
WHERE p.id > $after AND p.deletedAt IS NULL
WITH p
ORDER BY p.id
LIMIT $limit
RETURN p.id AS id, p.title AS title, p.text AS text,
       [(p)-[:TAGGED]->(t:Tag) | t.name] AS tags
