// Write-locks the viewers of a batch of post edges until the transaction
// ends ($viewerIds: distinct and sorted, so that concurrent batches lock in
// one order and never deadlock each other), then says for each item of
// $items ({viewerId, postId}) whether its viewer exists and may see the
// post, and the post as that viewer sees it. One row per item, in the
// order of $items.
UNWIND $viewerIds AS viewerId
MATCH (viewer:User {id: viewerId})
SET viewer._lock = true
REMOVE viewer._lock
WITH collect(viewer.id) AS present
UNWIND range(0, size($items) - 1) AS index
WITH present, index, $items[index] AS item
OPTIONAL MATCH (post:Post {id: item.postId})
WHERE {{visiblePost(item.viewerId)}}
RETURN index, item.viewerId IN present AS viewerExists, post IS NOT NULL AS visible,
  {{postMap}} AS post
ORDER BY index
