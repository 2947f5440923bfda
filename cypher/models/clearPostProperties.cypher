// Removes a stored model's properties from every post that has $property,
// setting $clear ({<property>: null, ...}), before a new model version is
// written in the same transaction (so no post keeps a value of the old
// version). Used for factor vectors and for neighbour lists.
MATCH (p:Post)
WHERE p[$property] IS NOT NULL
SET p += $clear
RETURN count(p) AS cleared
