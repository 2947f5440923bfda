// Writes $rows [{id, props: {<property>: [f + 1 floats]}}] onto posts.
// Returns how many posts matched (a post deleted since training is skipped).
UNWIND $rows AS row
MATCH (p:Post {id: row.id})
SET p += row.props
RETURN count(p) AS written
