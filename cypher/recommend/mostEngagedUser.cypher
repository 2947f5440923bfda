// The user with the most positive engagements (ties by id), used to warm
// the query cache at start-up. No row when nobody has engaged yet.
MATCH (u:User)-[r:LIKED|REPOSTED|REPLIED]->(:Post)
WITH u, count(r) AS engagements
ORDER BY engagements DESC, u.id
LIMIT 1
RETURN u.id AS userId
