// Removes the factor vector $property ($clear = {<property>: null}) from
// every user that has one, before a new model version is written in the
// same transaction (so no user keeps a vector of the old version).
MATCH (u:User)
WHERE u[$property] IS NOT NULL
SET u += $clear
RETURN count(u) AS cleared
