// Posts without a stored vector of factor model $property that at least
// $minEngagers users with stored vectors engaged with ([:LIKED|REPOSTED|
// REPLIED], as trainingInteractions.cypher reads them): each with those
// users' vectors and their summed weights. Soft-deleted posts are left
// out; at most $limit posts, by id.
MATCH (p:Post)
WHERE p[$property] IS NULL AND p.deletedAt IS NULL
MATCH (u:User)-[e:LIKED|REPOSTED|REPLIED]->(p)
WHERE u[$property] IS NOT NULL
WITH p, u, sum(coalesce(e.weight, 1.0)) AS weight
WITH p, collect({factors: u[$property], weight: weight}) AS engagers
WHERE size(engagers) >= $minEngagers
RETURN p.id AS postId, engagers
ORDER BY postId
LIMIT $limit
