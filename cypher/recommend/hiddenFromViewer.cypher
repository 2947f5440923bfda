// Of $postIds, those $viewerId has hidden since, or whose author the viewer
// has muted since: a feed page cut from an older snapshot leaves them out
// (deleted posts and blocked authors are left out by the API's loaders).
MATCH (v:User {id: $viewerId})
UNWIND $postIds AS postId
MATCH (p:Post {id: postId})
WHERE EXISTS { (v)-[:HID]->(p) } OR EXISTS { (v)-[:MUTES]->(:User)-[:AUTHORED]->(p) }
RETURN p.id AS postId
