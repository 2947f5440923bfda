/**
 * Chooses the embedder a Grapevine process uses: the HTTP provider when
 * EMBEDDING_PROVIDER_URL is set, otherwise the saved TF-IDF + LSA model,
 * reloaded whenever `npm run train` saves a new one, so fold-in always
 * embeds in the same space as the stored vectors.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { ContentError, ContentErrorCode, type Embedder } from './embedder.js';
import { HttpEmbedder } from './httpEmbedder.js';
import { LsaEmbedder } from './lsaModel.js';
import { loadContentModel } from './modelStore.js';

/** Returns the configured embedder (no I/O until the first embed). */
export function createEmbedder(config: Config): Embedder {
  if (config.EMBEDDING_PROVIDER_URL) {
    return new HttpEmbedder({
      url: config.EMBEDDING_PROVIDER_URL,
      model: config.EMBEDDING_PROVIDER_MODEL,
      token: config.EMBEDDING_PROVIDER_TOKEN,
      timeoutMs: config.EMBEDDING_PROVIDER_TIMEOUT_MS,
      dimensions: config.EMBEDDING_DIMENSIONS,
    });
  }
  return new SavedModelEmbedder(config.CONTENT_MODEL_DIR, config.EMBEDDING_DIMENSIONS);
}

/**
 * The LSA model saved in a folder, loaded on first use and again when its
 * file changes. Throws ContentError MODEL_NOT_TRAINED when none is saved,
 * and EMBEDDING_DIMENSION_MISMATCH when it was fitted for another size.
 */
export class SavedModelEmbedder implements Embedder {
  private loaded: { stamp: number; embedder: LsaEmbedder } | undefined;

  constructor(
    readonly dir: string,
    readonly dimensions: number,
  ) {}

  async embed(texts: string[]): Promise<Float32Array[]> {
    return (await this.current()).embed(texts);
  }

  private async current(): Promise<LsaEmbedder> {
    const stamp = await modifiedAt(path.join(this.dir, 'content-model.json'));
    if (this.loaded && this.loaded.stamp === stamp) return this.loaded.embedder;

    const model = stamp === null ? null : await loadContentModel(this.dir);
    if (model === null) {
      throw new ContentError(
        ContentErrorCode.MODEL_NOT_TRAINED,
        `No content model in ${this.dir}; run \`npm run train -- content\` first.`,
      );
    }
    if (model.dimensions !== this.dimensions) {
      throw new ContentError(
        ContentErrorCode.EMBEDDING_DIMENSION_MISMATCH,
        `The content model in ${this.dir} makes ${model.dimensions}-number vectors, ` +
          `but EMBEDDING_DIMENSIONS is ${this.dimensions}; run \`npm run train -- content\`.`,
      );
    }
    this.loaded = { stamp: stamp!, embedder: new LsaEmbedder(model) };
    return this.loaded.embedder;
  }
}

async function modifiedAt(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
