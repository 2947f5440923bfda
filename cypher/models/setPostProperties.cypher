// Writes $rows [{id, props}] onto posts: a model's factor vector or its
// neighbour lists. Returns how many posts matched (a post deleted since
// training is skipped).
UNWIND $rows AS row
MATCH (p:Post {id: row.id})
SET p += row.props
RETURN count(p) AS written
