/**
 * Load shedding for expensive engine work (ranking a feed): at most
 * `maxActive` jobs run at once and at most `maxQueued` wait; a job beyond
 * that is refused at once with OVERLOADED instead of joining a queue that
 * would make every caller wait. Under overload the API then answers fast,
 * some requests with a retryable error, rather than all of them late.
 */
import { RecommendError } from './errors.js';

export interface WorkGateOptions {
  /** Jobs running at once. */
  maxActive: number;
  /** Jobs waiting for a turn; one more is refused. */
  maxQueued: number;
}

export class WorkGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Jobs refused since the process started. */
  refused = 0;

  constructor(readonly options: WorkGateOptions) {}

  /** Runs `work` when a slot is free; OVERLOADED when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.maxActive) {
      if (this.waiting.length >= this.options.maxQueued) {
        this.refused += 1;
        throw new RecommendError(
          'OVERLOADED',
          'Too many recommendations are being computed right now; retry in a moment.',
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next job, or free it.
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.active -= 1;
    }
  }

  /** Jobs running and waiting now. */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }
}
