// Posts with the given ids ($ids) that $viewerId may see; others give no row.
UNWIND $ids AS id
MATCH (post:Post {id: id})
WHERE {{visiblePost}}
RETURN id, {{postMap}} AS post
