// Item-based CF: for the viewer's $seedLimit most recent engaged posts,
// posts co-engaged by up to $usersPerSeed recent co-engagers of each seed
// (their $postsPerUser most recent engagements each), scored by sum over
// seeds of co-engagers / sqrt(deg(seed) * deg(post)). Degrees count
// engagement relationships (a store lookup, no expansion).
MATCH (v:User {id: $viewerId})-[r:LIKED|REPOSTED|REPLIED]->(seed:Post)
WITH v, seed, max(coalesce(r.at, 0)) AS at
ORDER BY at DESC
LIMIT $seedLimit
WITH v, seed, toFloat(COUNT { (seed)<-[:LIKED|REPOSTED|REPLIED]-() }) AS seedDegree
CALL (v, seed) {
  MATCH (seed)<-[e:LIKED|REPOSTED|REPLIED]-(other:User)
  WHERE other <> v
  WITH DISTINCT other, max(coalesce(e.at, 0)) AS at
  RETURN other
  ORDER BY at DESC
  LIMIT $usersPerSeed
}
CALL (other, seed) {
  MATCH (other)-[e:LIKED|REPOSTED|REPLIED]->(p:Post)
  WHERE p <> seed
  RETURN p
  ORDER BY e.at DESC
  LIMIT $postsPerUser
}
WITH seed, seedDegree, p, count(DISTINCT other) AS shared
WITH p, seed, shared / sqrt(seedDegree) AS partial
ORDER BY partial DESC, seed.id
WITH p, sum(partial) AS partialSum, collect(seed.id)[0] AS becauseOf
WITH p, becauseOf,
  partialSum / sqrt(toFloat(COUNT { (p)<-[:LIKED|REPOSTED|REPLIED]-() })) AS score
RETURN p.id AS postId, score, becauseOf
ORDER BY score DESC, postId
LIMIT $limit
