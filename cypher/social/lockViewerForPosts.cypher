// Write-locks the viewer $viewerId until the transaction ends (so that
// concurrent likes, reposts and impressions by one user serialise and
// MERGE sees the first one's edge), then says for each id in $postIds
// whether the viewer may see that post and whether they wrote it.
// No row when the viewer does not exist.
MATCH (viewer:User {id: $viewerId})
SET viewer._lock = true
REMOVE viewer._lock
WITH viewer
CALL (viewer) {
  UNWIND $postIds AS id
  OPTIONAL MATCH (post:Post {id: id})
  WHERE {{visiblePost}}
  RETURN collect({
    id: id,
    visible: post IS NOT NULL,
    authored: post IS NOT NULL AND EXISTS { (viewer)-[:AUTHORED]->(post) }
  }) AS posts
}
RETURN posts
