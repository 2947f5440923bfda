// The stored factor model $model and what folding in a new post needs:
// its version, f, α, whether weights are binary, and the item rule
// ('als' with itemGram = XᵀX + λI, or 'svd' with singularValues) with the
// stored M (maxNorm). No row when the model was never stored.
MATCH (m:LearnedModel {name: $model})
RETURN m.version AS version, m.factors AS factors, m.alpha AS alpha,
       m.binary AS binary, m.itemFoldIn AS itemFoldIn, m.itemGram AS itemGram,
       m.singularValues AS singularValues, m.maxNorm AS maxNorm
