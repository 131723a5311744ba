// best.json: the sweep's ranking so far, rewritten as trials are recorded. A single-metric sweep names its best trial
// (its parameters, its metric, where its model is); a multi-objective sweep (sweep.metrics) lists its Pareto front,
// each trial with its objective values. Paths in it are relative to the sweep folder; `overrides` reproduce a trial
// with experiment.yaml. `columns` holds the per-trial columns of trials.csv.
import { join } from 'node:path';
import type { TrialColumn } from '@tfyaml/spec-schema';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const BEST_FILE = 'best.json';

/** trials.csv's per-trial columns (params, inference_ms_per_sample, seconds, peak_rss_mb), as far as measured. */
export type TrialColumns = Partial<Record<TrialColumn, number>>;

interface RankedTrial {
  trial: number;
  status: string;
  epoch?: number | undefined;
  parameters: Record<string, unknown>;
  overrides: string[];
  /** `trials/007` */
  dir: string;
  model: string;
  columns: TrialColumns;
}

/** A single-metric sweep's best trial. */
export interface BestJson extends RankedTrial {
  metric: { name: string; goal: string; value?: number | undefined };
}

export interface FrontTrial extends RankedTrial {
  /** Each objective's value, by name. */
  values: Record<string, number | undefined>;
}

/** A multi-objective sweep's non-dominated trials, in trial order. */
export interface FrontJson {
  metrics: { name: string; goal: string }[];
  front: FrontTrial[];
}

export function writeBestJson(sweepDir: string, best: BestJson | FrontJson): void {
  writeJsonFile(join(sweepDir, BEST_FILE), best);
}

/** As read back: undefined before any trial finished; any field may be missing (an older or hand-edited file). */
export function readBestJson(sweepDir: string): (Partial<BestJson> & Partial<FrontJson>) | undefined {
  return readJsonFile<Partial<BestJson> & Partial<FrontJson>>(join(sweepDir, BEST_FILE));
}
