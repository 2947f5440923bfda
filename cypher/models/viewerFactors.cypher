// The stored factor model $model and what scoring viewer $viewerId needs:
// their own vector ($property on :User) or, when they have none, the
// vectors of the posts in $engaged [{postId, weight}] and the fold-in rule
// (gram is YᵀY + λI for ALS). No row when the model was never stored.
MATCH (m:LearnedModel {name: $model})
OPTIONAL MATCH (u:User {id: $viewerId})
WITH m, u[$property] AS userFactors
CALL (userFactors) {
  UNWIND CASE WHEN userFactors IS NULL THEN $engaged ELSE [] END AS e
  MATCH (p:Post {id: e.postId})
  WHERE p[$property] IS NOT NULL
  RETURN collect({weight: e.weight, factors: p[$property]}) AS engaged
}
RETURN m.version AS version, m.factors AS factors, m.foldIn AS foldIn,
       m.alpha AS alpha, m.binary AS binary, userFactors, engaged,
       CASE WHEN userFactors IS NULL THEN m.gram END AS gram
