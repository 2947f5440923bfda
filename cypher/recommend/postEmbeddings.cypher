// The embeddings of the posts $postIds that have one.
UNWIND $postIds AS postId
MATCH (p:Post {id: postId})
WHERE p.embedding IS NOT NULL
RETURN p.id AS postId, p.embedding AS embedding
