// Every positive engagement the learned models train on: one row per
// (user, post, engagement type) with its weight and time, ordered so the
// matrix numbers users and posts the same way on every run. Soft-deleted
// posts are left out; $source (e.g. 'lastfm') keeps one dataset, null all.
MATCH (u:User)-[e:LIKED|REPOSTED|REPLIED]->(p:Post)
WHERE p.deletedAt IS NULL AND ($source IS NULL OR p.source = $source)
RETURN u.id AS userId,
       p.id AS itemId,
       coalesce(e.weight, 1.0) AS weight,
       coalesce(e.at, 0) AS at
ORDER BY userId, at, itemId, type(e)
