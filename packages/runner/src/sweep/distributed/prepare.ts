// A sweep as one worker runs it: the spec from Redis validated like a file, this checkout's hashes compared with
// the enqueuing machine's, and the sweep folder under this worker's --out with experiment.yaml built from this
// checkout's copy of the sweep file (so relative data paths resolve here).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { experimentWithoutSweep, loadSpec, loadSpecText, type LoadedSpec } from '@tfyaml/spec-schema';
import { writeFileAtomic } from '../../results/atomic-write.ts';
import { EXPERIMENT_FILE } from '../folder.ts';
import { createSampler, type Sampler } from '../sampler.ts';
import { threadOverrides } from '../workers.ts';
import { hashesOf, mismatchOf } from './checkout.ts';
import type { SweepMeta } from './store.ts';

export interface PreparedSweep {
  meta: SweepMeta;
  loaded: LoadedSpec;
  sampler: Sampler;
  /** <out>/<name>/<sweep id>/ on this worker. */
  dir: string;
  experimentFile: string;
  /** Thread settings for a trial starting now, from how many trials this machine's workers run side by side. */
  threadOverrides: () => string[];
}

/** The prepared sweep, or why this checkout refuses it. Throws SpecError when the stored spec is not valid. */
export function prepareSweep(
  meta: SweepMeta,
  root: string,
  out: string,
  trialsOnMachine: () => number,
): PreparedSweep | { refusal: string } {
  const file = join(root, meta.file);
  const loaded = loadSpecText(meta.spec, file);
  const refusal = mismatchOf(meta.hashes, hashesOf(meta.file, root), meta.file);
  if (refusal) return { refusal };
  const local = loadSpec(file, { overrides: meta.overrides });
  const dir = join(out, meta.name, meta.id);
  mkdirSync(dir, { recursive: true });
  const experimentFile = join(dir, EXPERIMENT_FILE);
  writeFileAtomic(experimentFile, experimentWithoutSweep(file, meta.overrides, local.spec));
  const sweep = loaded.spec.sweep!;
  return {
    meta,
    loaded,
    sampler: createSampler(sweep, sweep.seed ?? loaded.spec.seed),
    dir,
    experimentFile,
    // Per trial, not per sweep: a worker started later on this machine shares the cores from its next trial on.
    threadOverrides: () => threadOverrides(local.spec, trialsOnMachine()),
  };
}
