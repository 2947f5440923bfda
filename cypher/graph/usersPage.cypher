// One page of users (ordered by id, after $afterUserId) with their positive
// engagement [:LIKED|REPOSTED|REPLIED] and the users they follow: the bulk
// load of the in-memory projection. Users without edges come back too.
MATCH (u:User)
WHERE u.id > $afterUserId
WITH u ORDER BY u.id LIMIT $pageSize
RETURN u.id AS userId,
  [(u)-[r:LIKED|REPOSTED|REPLIED]->(p:Post) |
    {postId: p.id, weight: r.weight, at: r.at}] AS engaged,
  [(u)-[f:FOLLOWS]->(v:User) | {userId: v.id, at: f.at}] AS follows
