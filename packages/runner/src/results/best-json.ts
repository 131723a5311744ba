// best.json: the best trial of a sweep so far, rewritten whenever it changes: its parameters, its metric, where
// its model is. Paths in it are relative to the sweep folder; `overrides` reproduce the trial with experiment.yaml.
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const BEST_FILE = 'best.json';

export interface BestJson {
  trial: number;
  status: string;
  metric: { name: string; goal: string; value?: number | undefined };
  epoch?: number | undefined;
  parameters: Record<string, unknown>;
  overrides: string[];
  /** `trials/007` */
  dir: string;
  model: string;
}

export function writeBestJson(sweepDir: string, best: BestJson): void {
  writeJsonFile(join(sweepDir, BEST_FILE), best);
}

/** As read back: undefined before any trial finished; any field may be missing (an older or hand-edited file). */
export function readBestJson(sweepDir: string): Partial<BestJson> | undefined {
  return readJsonFile<Partial<BestJson>>(join(sweepDir, BEST_FILE));
}
