// Merges one User per row by id and sets its properties.
// $rows: parallel lists (columns) of the rows [{id, props: {handle, displayName, createdAt, ...}}]
UNWIND range(0, size($rows.line) - 1) AS i
WITH {
  line: $rows.line[i],
  id: $rows.id[i],
  props: $rows.props[i]
} AS row
MERGE (u:User {id: row.id})
SET u += row.props, u.createdAt = toInteger(row.props.createdAt)
