// The feed snapshot $id, if it has not been deleted.
MATCH (s:FeedSnapshot {id: $id})
RETURN s.id AS id, s.viewerId AS viewerId, s.expiresAt AS expiresAt,
  s.items AS items
