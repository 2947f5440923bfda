// Follower and following counts of each user in $ids.
UNWIND $ids AS id
MATCH (user:User {id: id})
RETURN id,
  COUNT { (user)<-[:FOLLOWS]-(:User) } AS followers,
  COUNT { (user)-[:FOLLOWS]->(:User) } AS following
