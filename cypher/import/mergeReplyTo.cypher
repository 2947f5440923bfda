// Merges (:Post)-[:REPLY_TO]->(:Post) for each row (from replies to to).
// Returns the rows whose endpoint does not exist, as {line, missing}.
// $rows: parallel lists (columns) of the rows [{line, from: postId, to: postId}]
UNWIND range(0, size($rows.line) - 1) AS i
WITH {
  from: $rows.from[i],
  line: $rows.line[i],
  to: $rows.to[i]
} AS row
OPTIONAL MATCH (a:Post {id: row.from})
OPTIONAL MATCH (b:Post {id: row.to})
FOREACH (_ IN CASE WHEN a IS NULL OR b IS NULL THEN [] ELSE [1] END |
  MERGE (a)-[r:REPLY_TO]->(b))
WITH row, a, b
WHERE a IS NULL OR b IS NULL
RETURN row.line AS line, CASE WHEN a IS NULL THEN row.from ELSE row.to END AS missing
