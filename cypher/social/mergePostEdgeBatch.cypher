// Makes one $type edge (LIKED, REPOSTED or HID) from each item's viewer to
// its post ($items: {viewerId, postId}, sorted by post id so that
// concurrent batches lock posts in one order), stamped with the time and,
// when $weight is not null, a weight; an existing edge is kept as it is.
// Run after checkPostEdgeBatch, on the items it passed.
UNWIND $items AS item
MATCH (viewer:User {id: item.viewerId}), (post:Post {id: item.postId})
MERGE (viewer)-[edge:$($type)]->(post)
ON CREATE SET edge.at = timestamp(), edge.weight = $weight
RETURN count(edge) AS merged
