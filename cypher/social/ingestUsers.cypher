// Creates or updates the users in $users ({id, handle, displayName, bio,
// createdAt}); createdAt keeps its old value, or now, when null.
UNWIND $users AS row
MERGE (user:User {id: row.id})
SET user.handle = row.handle,
  user.displayName = row.displayName,
  user.bio = row.bio,
  user.createdAt = coalesce(row.createdAt, user.createdAt, timestamp())
RETURN count(user) AS written
