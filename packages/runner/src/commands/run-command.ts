// The CLI face of `runExperiment`: Ctrl-C handling and the exit code.
import type { RunFlags } from '../cli.ts';
import { listOf } from '../cli.ts';
import { EXIT_INTERRUPTED } from '../report.ts';
import { runExperiment } from './run.ts';

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C does not wait
    process.stderr.write('\nStopping after this batch; results so far are kept (Ctrl-C again to quit now).\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const outcome = await runExperiment({
      file, overrides: listOf(flags.set), out: flags.out, signal: controller.signal,
      ...(flags.backend ? { backend: flags.backend } : {}),
    });
    return outcome.status === 'completed' ? 0 : outcome.status === 'interrupted' ? EXIT_INTERRUPTED : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
