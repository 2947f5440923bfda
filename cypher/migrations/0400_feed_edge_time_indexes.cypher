// Range indexes on `at` for the relationships the feed reads by time: the
// projection tails REPLIED like LIKED and REPOSTED (0002 covers those), and
// recent VIEWED, HID, BLOCKS and MUTES are read by recency.
CREATE INDEX replied_at IF NOT EXISTS FOR ()-[r:REPLIED]-() ON (r.at);
CREATE INDEX viewed_at IF NOT EXISTS FOR ()-[r:VIEWED]-() ON (r.at);
CREATE INDEX hid_at IF NOT EXISTS FOR ()-[r:HID]-() ON (r.at);
CREATE INDEX blocks_at IF NOT EXISTS FOR ()-[r:BLOCKS]-() ON (r.at);
CREATE INDEX mutes_at IF NOT EXISTS FOR ()-[r:MUTES]-() ON (r.at);
