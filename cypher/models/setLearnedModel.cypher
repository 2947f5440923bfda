// Records the factor model $name that was just written: its version, size,
// and what fold-in of a user without stored factors needs ($foldIn 'als'
// with $gram = YᵀY + λI row-major and $alpha, or 'sum' with $binary).
MERGE (m:LearnedModel {name: $name})
SET m.version = $version,
    m.trainedAt = $trainedAt,
    m.factors = $factors,
    m.users = $users,
    m.items = $items,
    m.foldIn = $foldIn,
    m.alpha = $alpha,
    m.binary = $binary,
    m.gram = $gram
RETURN m.version AS version
