// Posts engaged ([:LIKED|REPOSTED|REPLIED]) by the same users as post
// $postId, with the counts the shrunk cosine needs: `shared` distinct users
// engaged with both, `sourceEngagers` and `engagers` distinct users engaged
// with each. Bounded for popular posts and heavy users: the $engagers most
// recent engagers of the post are read, and the $postsPerEngager most
// recent posts of each. Best $limit by shared users, then id.
MATCH (source:Post {id: $postId})
CALL (source) {
  MATCH (source)<-[r:LIKED|REPOSTED|REPLIED]-(u:User)
  WITH u, max(r.at) AS at
  ORDER BY at DESC, u.id
  LIMIT $engagers
  RETURN u
}
CALL (source, u) {
  MATCH (u)-[r:LIKED|REPOSTED|REPLIED]->(other:Post)
  WHERE other <> source
  WITH other, max(r.at) AS at
  ORDER BY at DESC, other.id
  LIMIT $postsPerEngager
  RETURN other
}
WITH source, other, count(DISTINCT u) AS shared
ORDER BY shared DESC, other.id
LIMIT $limit
RETURN other.id AS id, shared,
       COUNT { MATCH (source)<-[:LIKED|REPOSTED|REPLIED]-(x:User) RETURN DISTINCT x }
         AS sourceEngagers,
       COUNT { MATCH (other)<-[:LIKED|REPOSTED|REPLIED]-(y:User) RETURN DISTINCT y }
         AS engagers
