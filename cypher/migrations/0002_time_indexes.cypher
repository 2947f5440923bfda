// Range indexes for recency: recent posts, and edges created since a moment
// (the in-memory graph tails new edges by their `at`).
CREATE INDEX post_created_at IF NOT EXISTS FOR (p:Post) ON (p.createdAt);
CREATE INDEX follows_at IF NOT EXISTS FOR ()-[r:FOLLOWS]-() ON (r.at);
CREATE INDEX liked_at IF NOT EXISTS FOR ()-[r:LIKED]-() ON (r.at);
CREATE INDEX reposted_at IF NOT EXISTS FOR ()-[r:REPOSTED]-() ON (r.at);
