// results/<name>/<sweep id>/: what a sweep folder holds besides its trials, written at the start and read on resume.
//   sweep.yaml       the resolved sweep file (results/sweep-yaml.ts); --resume reads it back
//   experiment.yaml  what each trial runs: the file without its sweep block; trial = this + its --set parameters
//   journal.jsonl    every trial started and ended (journal.ts); trials.csv, best.json (results/), sweep.log
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { experimentWithoutSweep, type LoadedSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { createRunDir } from '../results/run-dir.ts';
import { loadSweepYaml, SWEEP_FILE, writeSweepYaml } from '../results/sweep-yaml.ts';

export const EXPERIMENT_FILE = 'experiment.yaml';

/** Creates the folder of a new sweep; `trialOverrides` go into experiment.yaml after the file's own --set. */
export function createSweepFolder(loaded: LoadedSpec, out: string, trialOverrides: readonly string[]): string {
  const dir = createRunDir(out, loaded.spec.name);
  writeSweepYaml(dir, loaded);
  const applied = [...loaded.overrides, ...trialOverrides].filter((o) => !o.startsWith('sweep'));
  const header = [
    '# The experiment of the sweep in this folder, run by each trial with its parameters as --set overrides.',
    `# From ${loaded.file}: extends merged, ${applied.length ? `--set ${applied.join(', ')} applied, ` : ''}sweep block removed.`,
  ];
  writeFileAtomic(
    join(dir, EXPERIMENT_FILE),
    `${header.join('\n')}\n${experimentWithoutSweep(loaded.file, [...loaded.overrides, ...trialOverrides], loaded.spec)}`,
  );
  return dir;
}

/** The sweep a folder holds, for --resume. */
export function openSweepFolder(dir: string): LoadedSpec {
  if (!existsSync(join(dir, SWEEP_FILE)) || !existsSync(join(dir, EXPERIMENT_FILE))) {
    throw new RunError(
      `${dir} is not a sweep folder (it has no ${SWEEP_FILE} and ${EXPERIMENT_FILE})`,
      'pass the folder the sweep printed when it started, e.g. tfyaml sweep --resume results/<name>/<sweep id>',
    );
  }
  return loadSweepYaml(dir);
}
