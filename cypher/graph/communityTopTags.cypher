// For each of $communities ({id, userIds}), the $limit tags most used on
// posts its users wrote or engaged with, most used first.
UNWIND $communities AS community
CALL (community) {
  UNWIND community.userIds AS userId
  MATCH (:User {id: userId})-[:AUTHORED|LIKED|REPOSTED|REPLIED]->(:Post)
    -[:TAGGED]->(t:Tag)
  WITH t.name AS name, count(*) AS count
  ORDER BY count DESC, name
  LIMIT $limit
  RETURN collect({name: name, count: count}) AS tags
}
RETURN community.id AS communityId, tags
