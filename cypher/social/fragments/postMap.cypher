// Fragment (an expression): the map a PostRecord is built from, for the
// node bound to `post`. Leaves out the embedding, adds author and parent ids.
post {
  .*,
  embedding: null,
  authorId: head([(author:User)-[:AUTHORED]->(post) | author.id]),
  replyToId: head([(post)-[:REPLY_TO]->(parent:Post) | parent.id])
}
