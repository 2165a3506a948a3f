/** The progress bar (cli-progress) on a terminal; nothing on a pipe, where the summary line says it all. */
import { SingleBar } from 'cli-progress';
import type { Progress } from './run';

export function terminalProgress(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return { start: () => undefined, tick: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream,
    format: ` {bar} {value}/{total} ${label}  {failed} ✗  ETA {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
  });
  let failed = 0;
  return {
    start: (total, done) => bar.start(total, done, { failed }),
    tick: (f) => {
      if (f) failed += 1;
      bar.increment(1, { failed });
    },
    stop: () => bar.stop(),
  };
}
