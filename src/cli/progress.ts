/**
 * Progress display for long runs: a cli-progress bar on a terminal (stderr),
 * nothing when stderr is not a TTY or the output is machine-readable.
 */
import cliProgress from 'cli-progress';

export interface StepProgress {
  /** Starts the next step, named `name` (the current claim). */
  step(name: string): void;
  /** Renames the current step without advancing (e.g. "D2 candidate 17/1023"). */
  detail(text: string): void;
  stop(): void;
}

export function stepProgress(enabled: boolean, total: number): StepProgress {
  if (!enabled || !process.stderr.isTTY) return { step: () => {}, detail: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{bar} {value}/{total} {step}', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { step: '' });
  let done = 0;
  return {
    step: (name) => bar.update(Math.min(++done, total), { step: name }),
    detail: (text) => bar.update(Math.min(done, total), { step: text }),
    stop: () => bar.stop(),
  };
}
