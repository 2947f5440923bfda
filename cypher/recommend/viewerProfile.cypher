// The viewer $viewerId: who they follow, their $recentLimit most recent
// positive engagements (a post engaged several ways appears once per way),
// and per followee the summed weight of the viewer's engagements on that
// followee's posts (social proof's affinity).
MATCH (v:User {id: $viewerId})
RETURN v.id AS id,
  [(v)-[:FOLLOWS]->(f:User) | f.id] AS followees,
  COLLECT {
    MATCH (v)-[r:LIKED|REPOSTED|REPLIED]->(p:Post)
    RETURN {postId: p.id, weight: coalesce(r.weight, 1.0),
      at: coalesce(r.at, 0)} AS engagement
    ORDER BY engagement.at DESC
    LIMIT $recentLimit
  } AS recent,
  COLLECT {
    MATCH (v)-[e:LIKED|REPOSTED|REPLIED]->(:Post)<-[:AUTHORED]-(f:User)<-[:FOLLOWS]-(v)
    WITH f, sum(coalesce(e.weight, 1.0)) AS weight
    RETURN {userId: f.id, weight: weight}
  } AS followeeEngagement
