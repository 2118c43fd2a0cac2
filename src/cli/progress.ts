/** A progress bar on stderr for long runs: files done, words per second, time left. Only on a terminal. */
import cliProgress from "cli-progress";

export interface Progress {
  update(done: number, total: number, words: number): void;
  stop(): void;
}

export function progressBar(enabled: boolean): Progress | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total, words) {
      // A bar for a run that ends at once is noise: show it from the second file on.
      if (!bar && (total < 2 || done < 1)) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: "checking {bar} {value}/{total} files | {words} words | {speed} words/s | ETA {eta_formatted}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { words: 0, speed: 0 });
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { words: words.toLocaleString("en-US"), speed: Math.round(words / Math.max(seconds, 0.001)).toLocaleString("en-US") });
    },
    stop() {
      bar?.stop();
      bar = undefined; // stopped once, before the report and again on the way out
    },
  };
}
