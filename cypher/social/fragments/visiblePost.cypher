// Fragment (a predicate, not a query): true when the viewer $viewerId
// (null when anonymous) may see the node bound to `post`. The one rule of
// docs/data-model.md, spliced as {{visiblePost}} into every query that can
// reach a post:
//   not soft-deleted; public, or the viewer wrote it or follows its author;
//   no BLOCKS either way between the viewer and the author;
//   a reply anywhere under a followers-only post (its parent, or the
//   parent's parent, and so on up the thread) is no more visible than it.
post.deletedAt IS NULL
AND NOT EXISTS {
  MATCH (:User {id: $viewerId})-[:BLOCKS]-(:User)-[:AUTHORED]->(post)
}
AND (
  coalesce(post.visibility, 'PUBLIC') = 'PUBLIC'
  OR EXISTS { MATCH (:User {id: $viewerId})-[:AUTHORED]->(post) }
  OR EXISTS {
    MATCH (:User {id: $viewerId})-[:FOLLOWS]->(:User)-[:AUTHORED]->(post)
  }
)
AND NOT EXISTS {
  MATCH (post)-[:REPLY_TO*1..]->(parent:Post)<-[:AUTHORED]-(parentAuthor:User)
  WHERE parent.visibility = 'FOLLOWERS'
    AND NOT EXISTS { MATCH (:User {id: $viewerId})-[:FOLLOWS]->(parentAuthor) }
    AND NOT parentAuthor.id = coalesce($viewerId, '')
}
