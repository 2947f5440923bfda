// Write-locks the viewer $viewerId and the user $userId until the
// transaction ends, so that concurrent follows, blocks and mutes of one
// pair run one after the other and MERGE sees the first one's edge. Then
// says whether the user exists and whether either blocks the other.
// No row when the viewer does not exist.
MATCH (viewer:User {id: $viewerId})
OPTIONAL MATCH (user:User {id: $userId})
SET viewer._lock = true, user._lock = true
REMOVE viewer._lock, user._lock
RETURN user IS NOT NULL AS userExists,
  user IS NOT NULL AND EXISTS { (viewer)-[:BLOCKS]-(user) } AS blocked
