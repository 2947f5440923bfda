// Merges (:User)-[:LIKED {at, weight}]->(:Post) for each row.
// Returns the rows whose endpoint does not exist, as {line, missing}.
// $rows: parallel lists (columns) of the rows [{line, from: userId, to: postId, at: epoch ms, weight}]
UNWIND range(0, size($rows.line) - 1) AS i
WITH {
  at: $rows.at[i],
  from: $rows.from[i],
  line: $rows.line[i],
  to: $rows.to[i],
  weight: $rows.weight[i]
} AS row
OPTIONAL MATCH (a:User {id: row.from})
OPTIONAL MATCH (b:Post {id: row.to})
FOREACH (_ IN CASE WHEN a IS NULL OR b IS NULL THEN [] ELSE [1] END |
  MERGE (a)-[r:LIKED]->(b)
  SET r.at = toInteger(row.at), r.weight = row.weight)
WITH row, a, b
WHERE a IS NULL OR b IS NULL
RETURN row.line AS line, CASE WHEN a IS NULL THEN row.from ELSE row.to END AS missing
