// One page of the replies to each post in $ids that $viewerId may see,
// oldest first. Keyset: ($afterKey, $afterId) is the (createdAt, id) of
// the last reply already seen, or null; $limit is the page size plus one.
UNWIND $ids AS parentId
CALL (parentId) {
  MATCH (:Post {id: parentId})<-[:REPLY_TO]-(post:Post)
  WHERE {{visiblePost}}
  WITH post, coalesce(post.createdAt, 0) AS key
  WHERE $afterId IS NULL OR key > $afterKey
    OR (key = $afterKey AND post.id > $afterId)
  WITH post, key ORDER BY key ASC, post.id ASC LIMIT $limit
  RETURN collect({key: key, id: post.id, since: null, node: {{postMap}}})
    AS items
}
RETURN parentId, items
