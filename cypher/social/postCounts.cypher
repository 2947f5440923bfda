// Like and repost counts of each post in $ids, and how many of its replies
// $viewerId may see.
UNWIND $ids AS id
MATCH (target:Post {id: id})
CALL (target) {
  OPTIONAL MATCH (post:Post)-[:REPLY_TO]->(target)
  WHERE {{visiblePost}}
  RETURN count(post) AS replies
}
RETURN id,
  COUNT { (target)<-[:LIKED]-(:User) } AS likes,
  COUNT { (target)<-[:REPOSTED]-(:User) } AS reposts,
  replies
