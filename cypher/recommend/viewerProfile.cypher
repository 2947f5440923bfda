// The viewer $viewerId: who they follow and their $recentLimit most recent
// positive engagements (a post engaged several ways appears once per way).
MATCH (v:User {id: $viewerId})
RETURN v.id AS id,
  [(v)-[:FOLLOWS]->(f:User) | f.id] AS followees,
  COLLECT {
    MATCH (v)-[r:LIKED|REPOSTED|REPLIED]->(p:Post)
    RETURN {postId: p.id, weight: coalesce(r.weight, 1.0),
      at: coalesce(r.at, 0)} AS engagement
    ORDER BY engagement.at DESC
    LIMIT $recentLimit
  } AS recent
