// Write-locks every user of a batch of user-to-user edges until the
// transaction ends ($userIds: the viewers and the other users, distinct and
// sorted, so that concurrent batches lock in one order and never deadlock
// each other), then says for each item of $items ({viewerId, userId})
// whether both exist, whether either blocks the other, and the user. One
// row per item, in the order of $items.
UNWIND $userIds AS id
MATCH (locked:User {id: id})
SET locked._lock = true
REMOVE locked._lock
WITH collect(locked.id) AS present
UNWIND range(0, size($items) - 1) AS index
WITH present, index, $items[index] AS item
OPTIONAL MATCH (user:User {id: item.userId})
RETURN index,
  item.viewerId IN present AS viewerExists,
  user IS NOT NULL AS userExists,
  EXISTS { (:User {id: item.viewerId})-[:BLOCKS]-(user) } AS blocked,
  user {.*} AS user
ORDER BY index
