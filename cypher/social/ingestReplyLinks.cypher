// Links each reply in $links ({id, replyToId}) to its parent, once.
UNWIND $links AS row
MATCH (post:Post {id: row.id}), (parent:Post {id: row.replyToId})
MERGE (post)-[:REPLY_TO]->(parent)
RETURN count(*) AS written
