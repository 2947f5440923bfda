// One page of the users who liked each post in $ids, latest like first.
// Keyset: ($afterKey, $afterId) is the (LIKED.at, id) of the last liker
// already seen, or null; $limit is the page size plus one.
UNWIND $ids AS parentId
CALL (parentId) {
  MATCH (:Post {id: parentId})<-[like:LIKED]-(user:User)
  WITH user, coalesce(like.at, 0) AS key
  WHERE $afterId IS NULL OR key < $afterKey
    OR (key = $afterKey AND user.id < $afterId)
  WITH user, key ORDER BY key DESC, user.id DESC LIMIT $limit
  RETURN collect({key: key, id: user.id, since: key, node: user {.*}})
    AS items
}
RETURN parentId, items
