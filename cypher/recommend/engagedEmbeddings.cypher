// Embeddings of the $limit posts $viewerId engaged with most recently
// (posts without an embedding are skipped), with the engagement's time
// and strongest weight.
MATCH (:User {id: $viewerId})-[r:LIKED|REPOSTED|REPLIED]->(p:Post)
WHERE p.embedding IS NOT NULL
WITH p, max(coalesce(r.at, 0)) AS at, max(coalesce(r.weight, 1.0)) AS weight
RETURN p.id AS postId, p.embedding AS embedding, at, weight
ORDER BY at DESC, postId
LIMIT $limit
