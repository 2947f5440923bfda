// Deletes every relationship, in inner transactions of 10,000 (needs an
// implicit transaction). Run before wipeData, so that no batch of nodes
// drags along millions of relationships: a post of a large graph can have
// thousands of engagements, and 10,000 such nodes detached at once exceed
// Neo4j's transaction memory pool.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
