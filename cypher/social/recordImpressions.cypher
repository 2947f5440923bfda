// Counts one impression by $viewerId of each post in $postIds: one VIEWED
// edge per pair, `count` raised by one and `at` set to now. Run after
// lockViewerForPosts, which serialises a viewer's increments.
MATCH (viewer:User {id: $viewerId})
UNWIND $postIds AS id
MATCH (post:Post {id: id})
MERGE (viewer)-[seen:VIEWED]->(post)
ON CREATE SET seen.count = 1, seen.at = timestamp()
ON MATCH SET seen.count = seen.count + 1, seen.at = timestamp()
RETURN count(seen) AS recorded
