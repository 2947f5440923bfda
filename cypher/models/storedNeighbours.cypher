// The posts stored as nearest to post $postId by each neighbour model of
// $models [{name, neighbours, scores}] (the property keys of its lists,
// src/models/neighbourModel.ts), at most $k per model, best first, with
// the model's score in (0, 1]. No rows for a model never stored.
MATCH (p:Post {id: $postId})
UNWIND $models AS model
WITH model, p[model.neighbours][0..$k] AS ids, p[model.scores][0..$k] AS scores
WHERE ids IS NOT NULL
UNWIND range(0, size(ids) - 1) AS n
RETURN model.name AS model, ids[n] AS id, scores[n] AS score
