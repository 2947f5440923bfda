// One page of the users each user in $ids follows, latest follow first.
// Keyset as in followersPage.
UNWIND $ids AS parentId
CALL (parentId) {
  MATCH (:User {id: parentId})-[follow:FOLLOWS]->(user:User)
  WITH user, coalesce(follow.at, 0) AS key
  WHERE $afterId IS NULL OR key < $afterKey
    OR (key = $afterKey AND user.id < $afterId)
  WITH user, key ORDER BY key DESC, user.id DESC LIMIT $limit
  RETURN collect({key: key, id: user.id, since: key, node: user {.*}})
    AS items
}
RETURN parentId, items
