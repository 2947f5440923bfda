// Writes $rows [{id, props: {<property>: [f + 1 floats]}}] onto users.
// Returns how many users matched.
UNWIND $rows AS row
MATCH (u:User {id: row.id})
SET u += row.props
RETURN count(u) AS written
