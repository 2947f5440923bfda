// Writes $rows [{id, embedding}] onto posts. A null embedding removes the
// property (zero vectors are never stored). Returns how many posts matched.
UNWIND $rows AS row
MATCH (p:Post {id: row.id})
SET p.embedding = row.embedding
RETURN count(p) AS written
