// Checks an ingestion batch against the database before anything is
// written: referenced users ($userRefs) and posts ($postRefs) that do not
// exist, batch user ids that name a post and batch post ids that name a
// user ($batchUserIds, $batchPostIds), and handles ($handles: {id, handle})
// that another user holds, and FOLLOWS edges ($follows: {index, fromId,
// toId}) across a block that exists in either direction.
RETURN
  [id IN $userRefs WHERE NOT EXISTS { MATCH (:User {id: id}) }] AS missingUsers,
  [id IN $postRefs WHERE NOT EXISTS { MATCH (:Post {id: id}) }] AS missingPosts,
  [id IN $batchUserIds WHERE EXISTS { MATCH (:Post {id: id}) }] AS userIdsOfPosts,
  [id IN $batchPostIds WHERE EXISTS { MATCH (:User {id: id}) }] AS postIdsOfUsers,
  [row IN $handles WHERE EXISTS {
    MATCH (other:User {handle: row.handle}) WHERE other.id <> row.id
  } | row.id] AS takenHandles,
  [row IN $follows WHERE EXISTS {
    MATCH (:User {id: row.fromId})-[:BLOCKS]-(:User {id: row.toId})
  } | row.index] AS followsAcrossBlocks
