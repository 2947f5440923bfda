// A fingerprint of everything $viewerId has done: how many relationships
// start at the viewer and the latest `at` among them. Any like, view, hide,
// follow, block, mute or post (and any removal of one) changes it, so a
// cached feed built under another fingerprint is stale. No row: no user
// (the count runs in a subquery, so a missing user yields no row at all).
MATCH (v:User {id: $viewerId})
CALL {
  WITH v
  OPTIONAL MATCH (v)-[r]->()
  RETURN count(r) AS relationships, max(r.at) AS latestAt
}
RETURN relationships, latestAt
