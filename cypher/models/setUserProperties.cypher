// Writes $rows [{id, props}] onto users: a model's factor vector or its
// recommendation lists. Returns how many users matched.
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u += row.props
RETURN count(u) AS written
