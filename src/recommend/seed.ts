/**
 * Per-request seeds: the engine's base seed mixed with a string (the viewer
 * id, a source name) by FNV-1a, so each viewer's random choices repeat.
 */
import { createRandom, type Random } from '../math/random.js';

/** 32-bit FNV-1a hash of `text`, starting from `seed`. */
export function hashSeed(seed: number, text: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A generator seeded by `seed` and the given parts. */
export function randomFor(seed: number, ...parts: string[]): Random {
  return createRandom(hashSeed(seed, parts.join('\u0000')));
}
