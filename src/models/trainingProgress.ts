/**
 * The `npm run train` progress bar of a learned model: one bar over the
 * epochs with the latest loss, on stderr when it is a terminal (logs and
 * CI output stay clean; every epoch's loss is also logged at info).
 */
import cliProgress from 'cli-progress';
import type { EpochReport } from './recommender.js';

/** Called after every epoch; `stop` removes the bar. */
export interface EpochProgress {
  onEpoch(report: EpochReport): void;
  stop(): void;
}

/** A cli-progress bar over epochs when `enabled` (default: stderr is a TTY). */
export function createEpochProgress(
  enabled = process.stderr.isTTY === true,
): EpochProgress {
  if (!enabled) return { onEpoch: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{model} [{bar}] epoch {value}/{total} | loss {loss} | {seconds} s/epoch',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    onEpoch(report) {
      const payload = {
        model: report.model,
        loss: report.loss.toPrecision(5),
        seconds: report.seconds.toFixed(1),
      };
      if (!running) bar.start(report.epochs, 0, payload);
      running = true;
      bar.update(report.epoch, payload);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
