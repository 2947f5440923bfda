/**
 * An embedder backed by an external service speaking the common
 * embeddings API: `POST <base>/v1/embeddings` with
 * `{"model": "...", "input": ["text", ...]}`, answered by
 * `{"data": [{"index": 0, "embedding": [...]}, ...]}`.
 *
 * Every vector is checked against EMBEDDING_DIMENSIONS: a service whose
 * model has another size fails with EMBEDDING_DIMENSION_MISMATCH rather
 * than writing vectors the index cannot hold.
 */
import { z } from 'zod';
import {
  checkEmbedding,
  ContentError,
  ContentErrorCode,
  type Embedder,
} from './embedder.js';

export const HTTP_EMBEDDER_DEFAULTS = {
  /** Texts sent in one request (count). */
  batchSize: 64,
  /** How long one request may take (ms). */
  timeoutMs: 10_000,
};

export interface HttpEmbedderOptions {
  /** Base URL (`http://host:port`) or the full `/v1/embeddings` URL. */
  url: string;
  model: string;
  dimensions: number;
  token?: string | undefined;
  batchSize?: number;
  timeoutMs?: number;
}

const responseSchema = z.object({
  data: z.array(z.object({
    index: z.number().int().min(0).optional(),
    embedding: z.array(z.number()),
  })),
});

/** The embeddings endpoint for a configured URL. */
export function embeddingsEndpoint(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/embeddings') ? trimmed : `${trimmed}/v1/embeddings`;
}

/** Embeds through an HTTP embeddings service, in batches. */
export class HttpEmbedder implements Embedder {
  readonly dimensions: number;
  private readonly endpoint: string;

  constructor(private readonly options: HttpEmbedderOptions) {
    this.dimensions = options.dimensions;
    this.endpoint = embeddingsEndpoint(options.url);
  }

  /**
   * Unit vectors, one per text (a zero vector where the service returned
   * one, or for a blank text, which is not sent). Throws ContentError
   * EMBEDDING_PROVIDER_FAILED when the service fails or answers in another
   * shape, EMBEDDING_DIMENSION_MISMATCH when its vectors have another size.
   */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = texts.map(() => new Float32Array(this.dimensions));
    const wanted = texts.flatMap((text, i) => (text.trim() === '' ? [] : [i]));
    const size = this.options.batchSize ?? HTTP_EMBEDDER_DEFAULTS.batchSize;
    for (let start = 0; start < wanted.length; start += size) {
      const batch = wanted.slice(start, start + size);
      const vectors = await this.request(batch.map((i) => texts[i]!));
      batch.forEach((i, j) => {
        const unit = checkEmbedding(vectors[j]!, this.dimensions);
        if (unit) out[i] = unit;
      });
    }
    return out;
  }

  private async request(input: string[]): Promise<number[][]> {
    const response = await this.post(input);
    if (!response.ok) {
      throw this.failure(`answered HTTP ${response.status}`);
    }
    const parsed = responseSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw this.failure(`answered without one {embedding} per input (${input.length})`);
    }
    const vectors: number[][] = new Array(input.length);
    parsed.data.data.forEach((item, position) => {
      vectors[item.index ?? position] = item.embedding;
    });
    return vectors;
  }

  private async post(input: string[]): Promise<Response> {
    const { model, token } = this.options;
    try {
      return await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ model, input }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? HTTP_EMBEDDER_DEFAULTS.timeoutMs),
      });
    } catch (error) {
      throw this.failure(`could not be reached (${(error as Error).message})`);
    }
  }

  private failure(what: string): ContentError {
    return new ContentError(
      ContentErrorCode.EMBEDDING_PROVIDER_FAILED,
      `The embeddings service at ${this.endpoint} ${what}.`,
    );
  }
}
