// Makes one $type edge (LIKED, REPOSTED or HID) from $viewerId to $postId,
// stamped with the time and, when $weight is not null, a weight; an
// existing one is kept as it is. Run after lockViewerForPosts.
MATCH (viewer:User {id: $viewerId}), (post:Post {id: $postId})
MERGE (viewer)-[edge:$($type)]->(post)
ON CREATE SET edge.at = timestamp(), edge.weight = $weight
RETURN edge.at AS at
