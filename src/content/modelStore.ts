/**
 * Saves and loads the fitted content model, so fold-in works after a
 * restart and on every API replica that reads the same folder.
 *
 * Two files in CONTENT_MODEL_DIR (git-ignored `.models/` by default):
 * `content-model.json` (settings and vocabulary) and `content-model.bin`
 * (float32 little-endian: idf, then the projection row by row). The binary
 * is written first and the JSON last, each through a rename, so a reader
 * never sees a half-written model; the JSON records the sizes the binary
 * must have.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LsaModel } from './lsaModel.js';

const JSON_FILE = 'content-model.json';
const BINARY_FILE = 'content-model.bin';
const FORMAT = 'grapevine-lsa-1';

interface ModelHeader extends Omit<LsaModel, 'idf' | 'projection'> {
  format: string;
  binaryBytes: number;
}

/** Writes `model` into `dir` (created when missing). */
export async function saveContentModel(dir: string, model: LsaModel): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const { idf, projection, ...rest } = model;
  const binary = Buffer.concat([floatBytes(idf), floatBytes(projection)]);
  const header: ModelHeader = { ...rest, format: FORMAT, binaryBytes: binary.length };
  await writeAtomically(path.join(dir, BINARY_FILE), binary);
  await writeAtomically(path.join(dir, JSON_FILE), JSON.stringify(header));
}

/**
 * Reads the model saved in `dir`; null when none was saved. Throws when
 * the files do not belong together or were made by another format.
 */
export async function loadContentModel(dir: string): Promise<LsaModel | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, JSON_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const { format, binaryBytes, ...header } = JSON.parse(text) as ModelHeader;
  const binary = await fs.readFile(path.join(dir, BINARY_FILE));
  if (format !== FORMAT || binary.length !== binaryBytes) {
    throw new Error(
      `The content model in ${dir} is unreadable (format ${format}, ` +
        `${binary.length} of ${binaryBytes} bytes); run \`npm run train -- content\`.`,
    );
  }
  const floats = new Float32Array(binary.buffer.slice(
    binary.byteOffset, binary.byteOffset + binary.length,
  ));
  const terms = header.vocabulary.length;
  return {
    ...header,
    idf: floats.slice(0, terms),
    projection: floats.slice(terms),
  };
}

function floatBytes(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, data);
  await fs.rename(temporary, file);
}
