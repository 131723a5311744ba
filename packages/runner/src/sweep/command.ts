// `tfyaml run <sweep file>`, `tfyaml sweep <file>` and `tfyaml sweep --resume <dir>`: the CLI face of a sweep.
// This process never loads TensorFlow: it draws parameters, starts trial processes and writes down what they did.
import { join } from 'node:path';
import type { LoadedSpec } from '@tfyaml/spec-schema';
import { overridesOf, type RunFlags } from '../commands/flags.ts';
import { UsageError } from '../errors.ts';
import { EXIT_INTERRUPTED } from '../exit.ts';
import { trialFolder } from './record.ts';
import { runSweep, type SweepOutcome } from './run-sweep.ts';
import { formatDuration } from './status.ts';

/** `spec`: the sweep file, or the spec `tfyaml run` loaded already; none with --resume alone. */
export async function sweepCommand(
  spec: string | LoadedSpec | undefined,
  flags: RunFlags & { trials?: string },
): Promise<number> {
  const trials = trialsOf(flags.trials);
  const stop = new AbortController();
  const kill = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) {
      kill.abort(); // a second Ctrl-C does not wait for the trials to end
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write(
      '\nStopping: running trials end now and run again on --resume; finished trials stay recorded.\n',
    );
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const outcome = await runSweep({
      ...(typeof spec === 'string' ? { file: spec } : spec ? { loaded: spec } : {}),
      ...(flags.resume === undefined ? {} : { resume: flags.resume }),
      ...(trials === undefined ? {} : { trials }),
      overrides: overridesOf(flags),
      out: flags.out,
      signal: stop.signal,
      kill: kill.signal,
    });
    return report(outcome);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** --trials as a whole number of trials. */
function trialsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trials = Number(text);
  if (!Number.isInteger(trials) || trials < 1)
    throw new UsageError(
      `--trials takes a whole number of trials, received "${text}"`,
      'tfyaml sweep --resume <dir> --trials 40',
    );
  return trials;
}

function report({ dir, result, seconds, metric, log }: SweepOutcome): number {
  const say = (text: string) => {
    process.stderr.write(`${text}\n`);
    log.write(text);
  };
  const count = (status: string) => result.records.filter((r) => r.status === status).length;
  const timedOut = `${count('timeout') ? `, ${count('timeout')} timed out` : ''}${count('infeasible') ? `, ${count('infeasible')} infeasible` : ''}`;
  const counts = `${count('completed')} completed, ${count('pruned')} pruned, ${count('failed')} failed, ${count('diverged')} diverged${timedOut}`;
  if (result.interrupted) {
    say(
      `Stopped after ${formatDuration(seconds)}: ${result.records.length} of ${result.total} trials recorded (${counts}).`,
    );
    say(`Continue with: tfyaml sweep --resume ${dir}`);
    return EXIT_INTERRUPTED;
  }
  const { best, stoppedEarly } = result;
  if (stoppedEarly) {
    say(
      `Stopped early after ${formatDuration(seconds)}: ${stoppedEarly.reason}; ${result.records.length} of ${result.total} trials recorded (${counts}).`,
    );
    say(
      stoppedEarly.failures
        ? `sweep.log has each failure; fix the cause, then continue with: tfyaml sweep --resume ${dir}`
        : `Continue with: tfyaml sweep --resume ${dir}`,
    );
    if (stoppedEarly.failures) return 1;
  } else say(`Sweep done in ${formatDuration(seconds)}: ${result.total} trials (${counts}): ${dir}`);
  if (result.front?.length) {
    const [n, trials] = [result.front.length, result.front.map((r) => r.trial).join(', ')];
    say(`Pareto front: trial${n === 1 ? '' : 's'} ${trials} (best.json lists ${n === 1 ? 'its' : 'their'} values)`);
    return 0;
  }
  if (!best) {
    say('No trial produced a result; trials.csv and sweep.log say why.');
    return 1;
  }
  say(
    `Best: trial ${best.trial}, ${metric} ${best.value!.toFixed(4)} at epoch ${best.bestEpoch}: ${join(dir, trialFolder(best.trial))} (best.json)`,
  );
  return 0;
}
