// Trending: posts engaged since $since (epoch ms), scored by engagement
// velocity, each engagement decaying with half-life $halfLifeMs; with the
// post's most used tag.
CALL {
  MATCH (:User)-[r:LIKED]->(p:Post) WHERE r.at >= $since RETURN p, r
  UNION ALL
  MATCH (:User)-[r:REPOSTED]->(p:Post) WHERE r.at >= $since RETURN p, r
  UNION ALL
  MATCH (:User)-[r:REPLIED]->(p:Post) WHERE r.at >= $since RETURN p, r
}
WITH p, sum(coalesce(r.weight, 1.0)
  * 2.0 ^ (-($now - r.at) / $halfLifeMs)) AS score
ORDER BY score DESC, p.id
LIMIT $limit
RETURN p.id AS postId, score,
  head([(p)-[:TAGGED]->(t:Tag) | t.name]) AS tag
