// Whether $viewerId liked and reposted each post in $ids.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (post:Post {id: id})
RETURN id,
  EXISTS { (viewer)-[:LIKED]->(post) } AS liked,
  EXISTS { (viewer)-[:REPOSTED]->(post) } AS reposted
