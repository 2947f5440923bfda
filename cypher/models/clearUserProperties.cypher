// Removes a stored model's properties from every user that has $property,
// setting $clear ({<property>: null, ...}), before a new model version is
// written in the same transaction (so no user keeps a value of the old
// version). Used for factor vectors and for recommendation lists.
MATCH (u:User)
WHERE u[$property] IS NOT NULL
SET u += $clear
RETURN count(u) AS cleared
