// Records the learned model $name that was just written: its version,
// size, and how a user the model was not trained on is folded in. Factor
// models: $foldIn 'als' with $gram = YᵀY + λI row-major and $alpha, or
// 'sum' with $binary, and $factors. Neighbour models (EASE, Mult-VAE/DAE,
// GRU4Rec): $foldIn 'neighbours', $neighbours (k per post) and $listSize
// (posts per user). Parameters a kind does not use are null (removed).
MERGE (m:LearnedModel {name: $name})
SET m.version = $version,
    m.trainedAt = $trainedAt,
    m.factors = $factors,
    m.users = $users,
    m.items = $items,
    m.foldIn = $foldIn,
    m.alpha = $alpha,
    m.binary = $binary,
    m.gram = $gram,
    m.neighbours = $neighbours,
    m.listSize = $listSize
RETURN m.version AS version
