import cliProgress from 'cli-progress';

/** Throttle for non-TTY output (CI logs): one line every few seconds is enough to see it move. */
const NON_TTY_INTERVAL_MS = 2000;

export interface Progress {
  update(value: number): void;
  stop(): void;
}

/** A progress bar with counts and rate (items/s) on stderr; plain periodic lines when not a TTY. */
export function startProgress(label: string, total: number, unit = '篇'): Progress {
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | {rate} ${unit}/s | 剩余 {eta_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: NON_TTY_INTERVAL_MS,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0' });
  const rate = (value: number) =>
    (value / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(0);
  return {
    update(value) {
      bar.update(value, { rate: rate(value) });
    },
    stop() {
      bar.stop();
    },
  };
}
