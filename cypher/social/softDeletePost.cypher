// Marks the post $postId deleted now. Every read filters on deletedAt
// (fragments/visiblePost), so it is gone everywhere at once.
MATCH (post:Post {id: $postId})
SET post.deletedAt = timestamp()
RETURN post.id AS id
