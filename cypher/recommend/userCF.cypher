// User-based CF: the $neighbours users sharing the most of the viewer's
// $seedLimit most recent engaged posts, and what they engaged with (their
// $postsPerUser most recent engagements each), scored by sum over
// neighbours of shared posts * engagement weight.
MATCH (v:User {id: $viewerId})-[r:LIKED|REPOSTED|REPLIED]->(seed:Post)
WITH v, seed, max(coalesce(r.at, 0)) AS at
ORDER BY at DESC
LIMIT $seedLimit
MATCH (seed)<-[:LIKED|REPOSTED|REPLIED]-(other:User)
WHERE other <> v
WITH other, count(DISTINCT seed) AS shared
ORDER BY shared DESC, other.id
LIMIT $neighbours
CALL (other, shared) {
  MATCH (other)-[e:LIKED|REPOSTED|REPLIED]->(p:Post)
  RETURN p, shared * coalesce(e.weight, 1.0) AS vote
  ORDER BY e.at DESC
  LIMIT $postsPerUser
}
WITH p, other, max(vote) AS vote
ORDER BY vote DESC, other.id
WITH p, sum(vote) AS score, collect(other.id) AS userIds
RETURN p.id AS postId, score, userIds
ORDER BY score DESC, postId
LIMIT $limit
