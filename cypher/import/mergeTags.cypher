// Merges one Tag per row by its (lower-case, trimmed) name.
// $rows: parallel lists (columns) of the rows [{name}]
UNWIND range(0, size($rows.line) - 1) AS i
WITH {
  line: $rows.line[i],
  name: $rows.name[i]
} AS row
MERGE (:Tag {name: row.name})
