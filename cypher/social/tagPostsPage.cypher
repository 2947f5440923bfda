// One page of each tag's posts ($ids are tag names) that $viewerId may see,
// newest first. Keyset as in userPostsPage.
UNWIND $ids AS parentId
CALL (parentId) {
  MATCH (:Tag {name: parentId})<-[:TAGGED]-(post:Post)
  WHERE {{visiblePost}}
  WITH post, coalesce(post.createdAt, 0) AS key
  WHERE $afterId IS NULL OR key < $afterKey
    OR (key = $afterKey AND post.id < $afterId)
  WITH post, key ORDER BY key DESC, post.id DESC LIMIT $limit
  RETURN collect({key: key, id: post.id, since: null, node: {{postMap}}})
    AS items
}
RETURN parentId, items
