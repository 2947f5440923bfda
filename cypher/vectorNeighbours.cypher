// Nearest nodes to $vector in the vector index $indexName, best first.
// $candidates (>= $k) is how many the HNSW search explores; see vectorSearch.ts.
CALL db.index.vector.queryNodes($indexName, $candidates, $vector)
YIELD node, score
RETURN elementId(node) AS elementId, node.id AS id, score
ORDER BY score DESC
LIMIT $k
