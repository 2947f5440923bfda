// Applies $changes (handle, displayName, bio; a null value removes the
// property) to the user $viewerId.
MATCH (viewer:User {id: $viewerId})
SET viewer += $changes
RETURN viewer.id AS id
