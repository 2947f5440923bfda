// Users with the given ids ($ids); missing ids give no row.
UNWIND $ids AS id
MATCH (user:User {id: id})
RETURN id, user {.*} AS user
