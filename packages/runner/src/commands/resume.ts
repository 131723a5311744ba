// `tfyaml run --resume <run folder>`: continue an interrupted run from the end of its last finished epoch. The run
// folder is the source of everything: its spec.yaml (unchanged since the run started: its hash is in the resume
// state), its resume/ state, its metrics.csv rows. With one worker the finished run equals one never interrupted,
// bit for bit (train/resume.ts, seed.ts).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { registerChainedOps } from '@tfyaml/model-compiler';
import { loadSpecText, type Spec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { readResultsFile } from '../results/read-file.ts';
import { readResumeState, sha256 } from '../results/resume-state.ts';
import { runLoadedExperiment, type RunOutcome, type RunSettings } from './run.ts';

export async function resumeExperiment(
  dir: string,
  settings: Omit<RunSettings, 'resume' | 'runDir' | 'out'>,
): Promise<RunOutcome> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RunError(
      `${dir} is not a run folder`,
      'give the folder an interrupted run printed, e.g. tfyaml run --resume results/<name>/<run id>',
    );
  }
  // The state's tensors are made before run selects its backend: tfjs must be whole first (its bundle registers the
  // cpu backend they are made on), as it is before any backend is chosen.
  registerChainedOps();
  const { facts, tensors } = readResumeState(dir);
  const specFile = join(dir, 'spec.yaml');
  const text = readResultsFile(specFile);
  if (text === undefined) throw new RunError(`${dir} has no spec.yaml`, 'give the folder of a run made by tfyaml run');
  if (sha256(text) !== facts.specSha256) {
    throw new RunError(
      `${specFile} was changed after the run started, so resuming would not continue the same run`,
      'restore spec.yaml as the run wrote it, or start a new run with the changed spec: tfyaml run <file>',
    );
  }
  const loaded = loadSpecText(text, specFile);
  // Where the first epochs trained (auto resolved then), so the rest trains alike; the summary names the run's own file.
  loaded.spec.backend = facts.backend as Spec['backend'];
  return runLoadedExperiment(
    { ...loaded, file: facts.run.file, overrides: facts.run.overrides },
    { ...settings, resume: { dir, facts, tensors } },
  );
}
