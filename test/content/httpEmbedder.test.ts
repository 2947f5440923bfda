/**
 * The HTTP embeddings provider against a fake `/v1/embeddings` service on
 * 127.0.0.1 that answers like the common API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingsEndpoint, HttpEmbedder } from '../../src/content/httpEmbedder.js';

interface Seen {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string[] };
}

describe('HttpEmbedder', () => {
  const seen: Seen[] = [];
  let dimensions = 4;
  let status = 200;
  let url = '';
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as Seen['body'];
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
      // Vector i of a batch is [len(text), 1, 0, …] (`dimensions` long),
      // answered in reverse order to check `index` is honoured.
      const data = body.input.map((input, index) => ({
        index,
        embedding: [input.length, 1, ...new Array<number>(dimensions - 2).fill(0)],
      }));
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: data.reverse() }));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts batches to /v1/embeddings with the model and token', async () => {
    const embedder = new HttpEmbedder({
      url, model: 'mini', dimensions: 4, token: 't0ken', batchSize: 2,
    });
    const vectors = await embedder.embed(['a', 'bb', 'ccc']);
    expect(vectors.map((v) => Math.round(v[0]! / v[1]!))).toEqual([1, 2, 3]);
    expect(vectors[2]![0]).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(seen.map((s) => [s.path, s.authorization, s.body.model, s.body.input])).toEqual([
      ['/v1/embeddings', 'Bearer t0ken', 'mini', ['a', 'bb']],
      ['/v1/embeddings', 'Bearer t0ken', 'mini', ['ccc']],
    ]);
  });

  it('does not send blank texts and gives them zero vectors', async () => {
    seen.length = 0;
    const embedder = new HttpEmbedder({ url, model: 'mini', dimensions: 4 });
    const vectors = await embedder.embed(['  ', 'x']);
    expect(Array.from(vectors[0]!)).toEqual([0, 0, 0, 0]);
    expect(seen.map((s) => s.body.input)).toEqual([['x']]);
  });

  it('rejects vectors of another size with EMBEDDING_DIMENSION_MISMATCH', async () => {
    dimensions = 3;
    const embedder = new HttpEmbedder({ url, model: 'mini', dimensions: 4 });
    await expect(embedder.embed(['x'])).rejects.toMatchObject({
      code: 'EMBEDDING_DIMENSION_MISMATCH',
      message: 'embedding must have 4 numbers (EMBEDDING_DIMENSIONS), but got 3',
    });
    dimensions = 4;
  });

  it('reports a failing service with EMBEDDING_PROVIDER_FAILED', async () => {
    status = 503;
    const embedder = new HttpEmbedder({ url, model: 'mini', dimensions: 4 });
    await expect(embedder.embed(['x'])).rejects.toMatchObject({
      code: 'EMBEDDING_PROVIDER_FAILED',
      message: `The embeddings service at ${url}/v1/embeddings answered HTTP 503.`,
    });
    status = 200;
  });

  it('accepts a base URL or the full endpoint', () => {
    expect(embeddingsEndpoint('http://h:1/')).toBe('http://h:1/v1/embeddings');
    expect(embeddingsEndpoint('http://h:1/v1/embeddings')).toBe('http://h:1/v1/embeddings');
  });
});
