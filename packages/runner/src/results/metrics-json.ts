// metrics.json: what `tfyaml evaluate` measured, in <run-dir>/evaluation/ (or --out): the data it read, how many
// records, the loss and each metric of the run's spec, flat so a script reads `accuracy` directly.
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const METRICS_FILE = 'metrics.json';

export interface MetricsJson {
  /** The data evaluated: a file or folder, or `<dataset> (test split)`. */
  data: string;
  count: number;
  loss: number;
  /** Each metric by its spec name (`accuracy`, `top5Accuracy`). */
  [metric: string]: number | string;
}

export function writeMetricsJson(dir: string, metrics: MetricsJson): void {
  writeJsonFile(join(dir, METRICS_FILE), metrics);
}

/** As read back: undefined before evaluate ran; any field may be missing (an older or hand-edited file). */
export function readMetricsJson(dir: string): Partial<MetricsJson> | undefined {
  return readJsonFile<Partial<MetricsJson>>(join(dir, METRICS_FILE));
}
