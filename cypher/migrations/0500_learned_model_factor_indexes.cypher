// Learned factor models (src/models/factorModel.ts): one :LearnedModel node
// per stored model, and cosine vector indexes over the factor vectors on
// posts and users. A vector holds f + 1 numbers (the inner-product
// transform), so the sizes here are the defaults: ALS 64 + 1, PureSVD
// 50 + 1. `npm run train -- als` with another factor count rebuilds its two
// indexes at the right size before writing (src/models/factorStore.ts).
CREATE CONSTRAINT learned_model_name IF NOT EXISTS
FOR (m:LearnedModel) REQUIRE m.name IS UNIQUE;

CREATE VECTOR INDEX post_als_factors IF NOT EXISTS
FOR (p:Post) ON p.alsFactors
OPTIONS {indexConfig: {
  `vector.dimensions`: 65,
  `vector.similarity_function`: 'cosine',
  `vector.quantization.enabled`: false
}};

CREATE VECTOR INDEX user_als_factors IF NOT EXISTS
FOR (u:User) ON u.alsFactors
OPTIONS {indexConfig: {
  `vector.dimensions`: 65,
  `vector.similarity_function`: 'cosine',
  `vector.quantization.enabled`: false
}};

CREATE VECTOR INDEX post_puresvd_factors IF NOT EXISTS
FOR (p:Post) ON p.puresvdFactors
OPTIONS {indexConfig: {
  `vector.dimensions`: 51,
  `vector.similarity_function`: 'cosine',
  `vector.quantization.enabled`: false
}};

CREATE VECTOR INDEX user_puresvd_factors IF NOT EXISTS
FOR (u:User) ON u.puresvdFactors
OPTIONS {indexConfig: {
  `vector.dimensions`: 51,
  `vector.similarity_function`: 'cosine',
  `vector.quantization.enabled`: false
}};
