// Merges one Post per row by id and sets its properties.
// $rows: parallel lists (columns) of the rows [{id, props: {text, kind, createdAt, visibility, ...}}]
UNWIND range(0, size($rows.line) - 1) AS i
WITH {
  line: $rows.line[i],
  id: $rows.id[i],
  props: $rows.props[i]
} AS row
MERGE (p:Post {id: row.id})
SET p += row.props, p.createdAt = toInteger(row.props.createdAt)
