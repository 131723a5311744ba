// What best.json says about the best trial so far (results/best-json.ts writes it).
import type { SweepMetric } from '@tfyaml/spec-schema';
import { writeBestJson } from '../results/best-json.ts';
import type { TrialRecord } from '../results/trials-csv.ts';
import { trialFolder } from './record.ts';
import { toOverrides } from './space.ts';

export function writeBest(dir: string, best: TrialRecord, metric: SweepMetric): void {
  const folder = trialFolder(best.trial);
  writeBestJson(dir, {
    trial: best.trial,
    status: best.status,
    metric: { ...metric, value: best.value },
    epoch: best.bestEpoch,
    parameters: best.params,
    overrides: toOverrides(best.params),
    dir: folder,
    model: `${folder}/model`,
  });
}
