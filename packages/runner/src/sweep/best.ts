// best.json: the best trial so far, rewritten whenever it changes: its parameters, its metric, where its model is.
import { join } from 'node:path';
import type { SweepMetric } from '@tfyaml/spec-schema';
import { writeAtomically } from './journal.ts';
import { trialFolder, type TrialRecord } from './record.ts';
import { toOverrides } from './space.ts';

/** Paths in it are relative to the sweep folder; `overrides` reproduce the trial with experiment.yaml there. */
export function writeBest(dir: string, best: TrialRecord, metric: SweepMetric): void {
  const folder = trialFolder(best.trial);
  writeAtomically(join(dir, 'best.json'), `${JSON.stringify({
    trial: best.trial,
    status: best.status,
    metric: { ...metric, value: best.value },
    epoch: best.bestEpoch,
    parameters: best.params,
    overrides: toOverrides(best.params),
    dir: folder,
    model: `${folder}/model`,
  }, null, 2)}\n`);
}
