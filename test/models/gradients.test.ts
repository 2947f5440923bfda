/**
 * The hand-written backpropagation of the neural models against central
 * finite differences. These reach into private methods on purpose: the
 * gradient of one forward pass is what must be right.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/math/random.js';
import type { Parameter } from '../../src/models/adam.js';
import { Gru4RecRecommender } from '../../src/models/gru4rec.js';
import type { InteractionMatrix } from '../../src/models/interactionMatrix.js';
import { MultVaeRecommender } from '../../src/models/multVae.js';
import { twoBlocks } from './fixtures.js';

type Network = Record<string, Parameter>;

/** Largest |numeric − analytic| / (|numeric| + |analytic|) over `probes`. */
function worstError(
  net: Network,
  loss: () => number,
  probes: Record<string, number[]>,
): number {
  let worst = 0;
  for (const [name, indexes] of Object.entries(probes)) {
    const p = net[name]!;
    for (const q of Object.values(net)) q.gradient.fill(0);
    loss();
    const analytic = Float64Array.from(p.gradient);
    for (const i of indexes) {
      const old = p.values[i]!;
      p.values[i] = old + 1e-6;
      const up = loss();
      p.values[i] = old - 1e-6;
      const down = loss();
      p.values[i] = old;
      const numeric = (up - down) / 2e-6;
      const scale = Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic[i]!));
      worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / scale);
    }
  }
  return worst;
}

const spread = (size: number) => [0, 3, 7, 11, 17].filter((i) => i < size);

describe('hand-written gradients', () => {
  const data = twoBlocks();

  for (const variant of ['vae', 'dae'] as const) {
    it(`match finite differences for Mult-${variant.toUpperCase()}`, async () => {
      const model = new MultVaeRecommender({
        variant,
        hiddenUnits: 5,
        latentDimensions: 3,
        dropout: 0,
        epochs: 1,
      });
      await model.fit(data, { seed: 3 });
      const inner = model as unknown as {
        network: Network;
        trainUser(
          net: Network,
          data: InteractionMatrix,
          user: number,
          beta: number,
          random: () => number,
        ): number;
      };
      // The network also holds the item maps, which are not parameters.
      const params: Network = Object.fromEntries(
        Object.entries(inner.network).filter(([, p]) => 'gradient' in p),
      );
      const loss = () =>
        inner.trainUser(inner.network, data, 4, 0.3, createRandom(9));
      const probes = Object.fromEntries(
        Object.entries(params).map(([name, p]) => [
          name,
          spread(p.values.length),
        ]),
      );
      expect(worstError(params, loss, probes)).toBeLessThan(1e-5);
    });
  }

  it('match finite differences for one GRU4Rec step', async () => {
    const model = new Gru4RecRecommender({
      hiddenUnits: 4,
      embeddingDimensions: 3,
      batchSize: 4,
      epochs: 1,
    });
    await model.fit(data, { seed: 3 });
    const inner = model as unknown as {
      network: Network;
      step(net: Network, item: number, previous: Float64Array): unknown;
      backOutput(net: Network, steps: unknown[], targets: number[]): number;
    };
    const net = inner.network;
    const previous = Float64Array.from([0.1, -0.2, 0.3, 0.05]);
    const loss = () =>
      inner.backOutput(
        net,
        [1, 2, 3, 9].map((item) => inner.step(net, item, previous)),
        [2, 3, 4, 10],
      );
    const error = worstError(net, loss, {
      embedding: [3, 4, 5, 6, 7, 8],
      inputWeights: spread(36),
      stateWeights: spread(48),
      bias: spread(12),
      output: [8, 9, 10, 11, 16],
      outputBias: [2, 3, 4, 10],
    });
    expect(error).toBeLessThan(1e-3);
  });
});
