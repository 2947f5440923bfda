// Removes the factor vector $property ($clear = {<property>: null}) from
// every post that has one, before a new model version is written in the
// same transaction (so no post keeps a vector of the old version).
MATCH (p:Post)
WHERE p[$property] IS NOT NULL
SET p += $clear
RETURN count(p) AS cleared
