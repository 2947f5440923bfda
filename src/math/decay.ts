/** Exponential decay: 1 at age 0, 1/2 at `halfLifeMs`, never negative age. */
export function decay(ageMs: number, halfLifeMs: number): number {
  return Math.pow(2, -Math.max(0, ageMs) / halfLifeMs);
}
