// The stored neighbour model $model and what scoring viewer $viewerId
// needs: their stored list ($keys.list / $keys.listScores on :User) or,
// when they have none (they joined after training), the stored
// neighbours ($keys.neighbours / $keys.neighbourScores on :Post) of the
// posts in $engaged [{postId, weight}]. Property keys come from
// src/models/neighbourModel.ts. No row when the model was never stored.
MATCH (m:LearnedModel {name: $model})
OPTIONAL MATCH (u:User {id: $viewerId})
WITH m, u[$keys.list] AS list, u[$keys.listScores] AS listScores
CALL (list) {
  UNWIND CASE WHEN list IS NULL THEN $engaged ELSE [] END AS e
  MATCH (p:Post {id: e.postId})
  WHERE p[$keys.neighbours] IS NOT NULL
  RETURN collect({postId: p.id, weight: e.weight, ids: p[$keys.neighbours],
                  scores: p[$keys.neighbourScores]}) AS engaged
}
RETURN m.version AS version, list, listScores, engaged
