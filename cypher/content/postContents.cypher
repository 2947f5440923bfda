// Title, text and tag names of the non-deleted posts among $ids, for
// embedding them one by one as they are created (fold-in).
UNWIND $ids AS id
MATCH (p:Post {id: id})
WHERE p.deletedAt IS NULL
RETURN p.id AS id, p.title AS title, p.text AS text,
       [(p)-[:TAGGED]->(t:Tag) | t.name] AS tags
