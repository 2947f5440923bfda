// Cosine vector index over post content embeddings. $embeddingDimensions
// comes from EMBEDDING_DIMENSIONS; the runner checks an existing index has
// the same size. Quantization is off: it costs recall (measured in
// test/foundation/vectorIndex.test.ts) and our vectors are small.
CREATE VECTOR INDEX post_embedding IF NOT EXISTS
FOR (p:Post) ON p.embedding
OPTIONS {indexConfig: {
  `vector.dimensions`: $embeddingDimensions,
  `vector.similarity_function`: 'cosine',
  `vector.quantization.enabled`: false
}};
