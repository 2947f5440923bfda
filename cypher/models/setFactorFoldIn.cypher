// Records on factor model $name what folding in a post created after
// training needs (src/models/factorModel.ts): $itemFoldIn 'als' with
// $itemGram = XᵀX + λI row-major (α is the model's alpha), or 'svd' with
// $singularValues; and $maxNorm, the M every stored post vector has
// (folded-in posts keep it). Unused parameters are null (removed).
MATCH (m:LearnedModel {name: $name})
SET m.itemFoldIn = $itemFoldIn,
    m.itemGram = $itemGram,
    m.singularValues = $singularValues,
    m.maxNorm = $maxNorm
RETURN m.version AS version
