// Engagement and follow edges whose `at` is at or after $since (epoch ms),
// oldest first: what the in-memory projection tails every interval. Each
// branch can use the range index on its relationship's `at`.
CALL {
  MATCH (u:User)-[r:LIKED]->(p:Post) WHERE r.at >= $since
  RETURN u.id AS fromId, p.id AS toId, 'ENGAGED' AS kind, r.weight AS weight,
    r.at AS at
  UNION ALL
  MATCH (u:User)-[r:REPOSTED]->(p:Post) WHERE r.at >= $since
  RETURN u.id AS fromId, p.id AS toId, 'ENGAGED' AS kind, r.weight AS weight,
    r.at AS at
  UNION ALL
  MATCH (u:User)-[r:REPLIED]->(p:Post) WHERE r.at >= $since
  RETURN u.id AS fromId, p.id AS toId, 'ENGAGED' AS kind, r.weight AS weight,
    r.at AS at
  UNION ALL
  MATCH (u:User)-[r:FOLLOWS]->(v:User) WHERE r.at >= $since
  RETURN u.id AS fromId, v.id AS toId, 'FOLLOWS' AS kind, 1.0 AS weight,
    r.at AS at
}
RETURN fromId, toId, kind, weight, at
ORDER BY at
LIMIT $limit
