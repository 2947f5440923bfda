/**
 * A progress line on stderr (rows written and rows per second), shown only
 * when stderr is a terminal so logs and CI output stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Starts counting rows for a new stage. */
  stage(label: string): void;
  /** Adds `rows` written to the current stage. */
  advance(rows: number): void;
  /** Removes the bar. */
  stop(): void;
}

/** A Progress that shows nothing. */
export const noProgress: Progress = {
  stage: () => undefined,
  advance: () => undefined,
  stop: () => undefined,
};

/** A cli-progress bar when `enabled` (default: stderr is a TTY). */
export function createProgress(enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return noProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{stage} | {value} rows | {speed} rows/s',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedAt = performance.now();
  let rows = 0;
  let running = false;
  return {
    stage(label) {
      if (running) bar.stop();
      startedAt = performance.now();
      rows = 0;
      bar.start(0, 0, { stage: label, speed: 0 });
      running = true;
    },
    advance(n) {
      rows += n;
      const seconds = (performance.now() - startedAt) / 1000;
      bar.update(rows, { speed: Math.round(rows / Math.max(seconds, 1e-3)) });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
