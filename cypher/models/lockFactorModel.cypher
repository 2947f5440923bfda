// Write-locks factor model $model's node for the rest of the transaction
// (storeFactors takes the same lock first) and returns its version, so a
// post fold-in writes only against the version it computed with and two
// concurrent fold-ins run one after the other.
MATCH (m:LearnedModel {name: $model})
SET m.foldedInAt = $now
RETURN m.version AS version
