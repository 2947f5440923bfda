// One page of the tags of each post in $ids, by name. Keyset: $afterId is
// the name of the last tag already seen, or null; $limit is the page size
// plus one.
UNWIND $ids AS parentId
CALL (parentId) {
  MATCH (:Post {id: parentId})-[:TAGGED]->(tag:Tag)
  WHERE $afterId IS NULL OR tag.name > $afterId
  WITH tag ORDER BY tag.name ASC LIMIT $limit
  RETURN collect({key: 0, id: tag.name, since: null, node: tag {.name}})
    AS items
}
RETURN parentId, items
