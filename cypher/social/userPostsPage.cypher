// One page of each user's posts ($ids) that $viewerId may see, newest
// first. Keyset: ($afterKey, $afterId) is the (createdAt, id) of the last
// post already seen, or null; $limit is the page size plus one.
UNWIND $ids AS parentId
CALL (parentId) {
  MATCH (:User {id: parentId})-[:AUTHORED]->(post:Post)
  WHERE {{visiblePost}}
  WITH post, coalesce(post.createdAt, 0) AS key
  WHERE $afterId IS NULL OR key < $afterKey
    OR (key = $afterKey AND post.id < $afterId)
  WITH post, key ORDER BY key DESC, post.id DESC LIMIT $limit
  RETURN collect({key: key, id: post.id, since: null, node: {{postMap}}})
    AS items
}
RETURN parentId, items
