// Deletes every node and relationship except the migration records, in
// inner transactions of 10,000 nodes (needs an implicit transaction).
MATCH (n) WHERE NOT n:_Migration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
