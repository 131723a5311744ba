// The CLI face of a run: Ctrl-C handling, the exit code, and how to continue an interrupted run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { EXIT_INTERRUPTED } from '../exit.ts';
import { overridesOf, type RunFlags } from './flags.ts';
import { RESUME_DIR } from '../results/resume-state.ts';
import { resumeExperiment } from './resume.ts';
import { runLoadedExperiment, type RunOutcome } from './run.ts';

export async function runCommand(loaded: LoadedSpec, flags: RunFlags): Promise<number> {
  return withCtrlC((signal) => runLoadedExperiment(loaded, { out: flags.out, signal }));
}

/** `tfyaml run --resume <run folder>`: the folder holds everything; a file, --set or --backend would change the run. */
export async function resumeCommand(file: string | undefined, dir: string, flags: RunFlags): Promise<number> {
  if (file !== undefined || overridesOf(flags).length > 0) {
    throw new RunError(
      '--resume continues a run as it started, from its folder; a file, --set and --backend cannot change it',
      `drop them (tfyaml run --resume ${dir}), or start a new run with tfyaml run ${file ?? '<file>'} --set …`,
    );
  }
  return withCtrlC((signal) => resumeExperiment(dir, { signal }));
}

async function withCtrlC(run: (signal: AbortSignal) => Promise<RunOutcome>): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C does not wait
    process.stderr.write('\nStopping after this batch; results so far are kept (Ctrl-C again to quit now).\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const outcome = await run(controller.signal);
    if (outcome.status === 'interrupted' && existsSync(join(outcome.dir, RESUME_DIR)))
      process.stderr.write(`Continue with: tfyaml run --resume ${outcome.dir}\n`);
    return outcome.status === 'completed' ? 0 : outcome.status === 'interrupted' ? EXIT_INTERRUPTED : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
