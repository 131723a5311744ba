// results/<name>/<sweep id>/: what a sweep folder holds besides its trials, written at the start and read on resume.
//   sweep.yaml       the resolved sweep file (defaults filled, --set listed at the top); --resume reads it back
//   experiment.yaml  what each trial runs: the file without its sweep block; trial = this + its --set parameters
//   journal.jsonl    every trial started and ended (journal.ts); trials.csv, best.json, sweep.log
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentWithoutSweep, formatResolvedSpec, loadSpec, type LoadedSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { createRunDir } from '../results/run-dir.ts';

export const SWEEP_FILE = 'sweep.yaml';
export const EXPERIMENT_FILE = 'experiment.yaml';

/** Creates the folder of a new sweep; `trialOverrides` go into experiment.yaml after the file's own --set. */
export function createSweepFolder(loaded: LoadedSpec, out: string, trialOverrides: readonly string[]): string {
  const dir = createRunDir(out, loaded.spec.name);
  writeFileSync(join(dir, SWEEP_FILE), formatResolvedSpec(loaded));
  const applied = [...loaded.overrides, ...trialOverrides].filter((o) => !o.startsWith('sweep'));
  const header = [
    '# The experiment of the sweep in this folder, run by each trial with its parameters as --set overrides.',
    `# From ${loaded.file}: extends merged, ${applied.length ? `--set ${applied.join(', ')} applied, ` : ''}sweep block removed.`,
  ];
  writeFileSync(join(dir, EXPERIMENT_FILE), `${header.join('\n')}\n${experimentWithoutSweep(loaded.file, [...loaded.overrides, ...trialOverrides], loaded.spec)}`);
  return dir;
}

/** The sweep a folder holds, for --resume. */
export function openSweepFolder(dir: string): LoadedSpec {
  const file = join(dir, SWEEP_FILE);
  if (!existsSync(file) || !existsSync(join(dir, EXPERIMENT_FILE))) {
    throw new RunError(`${dir} is not a sweep folder (it has no ${SWEEP_FILE} and ${EXPERIMENT_FILE})`,
      'pass the folder the sweep printed when it started, e.g. tfyaml sweep --resume results/<name>/<sweep id>');
  }
  return loadSpec(file);
}
