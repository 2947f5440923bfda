// Writes folded-in factor vectors $rows [{id, props}] onto posts that
// still have no $property and are not deleted; a post another fold-in or
// a retrain wrote meanwhile is left as it is. Returns how many were set.
UNWIND $rows AS row
MATCH (p:Post {id: row.id})
WHERE p[$property] IS NULL AND p.deletedAt IS NULL
SET p += row.props
RETURN count(p) AS written
