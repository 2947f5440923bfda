// Removes the $type edge (LIKED, REPOSTED or HID) from $viewerId to $postId, if
// there is one.
MATCH (:User {id: $viewerId})-[edge:$($type)]->(:Post {id: $postId})
DELETE edge
RETURN count(*) AS deleted
