// Users with the given handles ($handles); missing handles give no row.
UNWIND $handles AS handle
MATCH (user:User {handle: handle})
RETURN handle, user {.*} AS user
