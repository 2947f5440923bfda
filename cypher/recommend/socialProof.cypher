// Posts engaged since $since by the users $viewerId follows. Each followee
// counts with affinity 1 + ln(1 + the viewer's engagement weight on that
// followee's posts); each engagement decays with half-life $halfLifeMs.
MATCH (v:User {id: $viewerId})-[:FOLLOWS]->(f:User)
OPTIONAL MATCH (v)-[e:LIKED|REPOSTED|REPLIED]->(:Post)<-[:AUTHORED]-(f)
WITH f, 1.0 + log(1.0 + sum(
  CASE WHEN e IS NULL THEN 0.0 ELSE coalesce(e.weight, 1.0) END)) AS affinity
MATCH (f)-[r:LIKED|REPOSTED|REPLIED]->(p:Post)
WHERE coalesce(r.at, 0) >= $since
WITH p, f, max(affinity * coalesce(r.weight, 1.0)
  * 2.0 ^ (-($now - coalesce(r.at, 0)) / $halfLifeMs)) AS proof
WITH p, sum(proof) AS score, collect(f.id) AS userIds
RETURN p.id AS postId, score, userIds
ORDER BY score DESC, postId
LIMIT $limit
