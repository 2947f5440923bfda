// Posts nearest to post $postId in the item factors ($property) of a
// stored learned model, through its vector index $indexName. The search
// vector is the post's factors with the last number set to 0, so the index
// ranks by the model's dot product (src/models/factorModel.ts); `cosine`
// is the cosine of the two posts' factors without their last number.
// The best $k of the $candidates the HNSW search explores.
MATCH (source:Post {id: $postId})
WITH source, source[$property] AS stored
WHERE stored IS NOT NULL
WITH source, stored[0..size(stored) - 1] AS v
WHERE any(x IN v WHERE x <> 0)
CALL db.index.vector.queryNodes($indexName, $candidates, v + [0.0])
YIELD node, score
WHERE node <> source
WITH v, node, score
ORDER BY score DESC, node.id
LIMIT $k
WITH v, node, node[$property] AS w
RETURN node.id AS id,
       2 * vector.similarity.cosine(v, w[0..size(w) - 1]) - 1 AS cosine
