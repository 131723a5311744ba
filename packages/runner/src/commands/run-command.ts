// The CLI face of a run: Ctrl-C handling and the exit code.
import type { LoadedSpec } from '@tfyaml/spec-schema';
import { EXIT_INTERRUPTED } from '../exit.ts';
import type { RunFlags } from './flags.ts';
import { runLoadedExperiment } from './run.ts';

export async function runCommand(loaded: LoadedSpec, flags: RunFlags): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C does not wait
    process.stderr.write('\nStopping after this batch; results so far are kept (Ctrl-C again to quit now).\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const outcome = await runLoadedExperiment(loaded, { out: flags.out, signal: controller.signal });
    return outcome.status === 'completed' ? 0 : outcome.status === 'interrupted' ? EXIT_INTERRUPTED : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
