// preprocessing.json: what a saved model expects of its input, so evaluate/predict can prepare new data the same way.
import { join } from 'node:path';
import type { FeatureNormalization } from '@tfyaml/data';
import type { CsvTask, DataSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

export interface Preprocessing {
  data: DataSpec;
  /** The run's seed: evaluate re-draws the same data.split fractions with it. */
  seed: number;
  inputShape: number[];
  classNames: string[];
  task: CsvTask;
  /**
   * Images: x = (pixel / 255 - mean[c]) / std[c]. Tables: the column layout (types, categories, encoding) and each
   * numeric column's mean and std. Statistics from the training split.
   */
  normalization: FeatureNormalization;
}

export function writePreprocessing(dir: string, preprocessing: Preprocessing): void {
  writeJsonFile(join(dir, 'preprocessing.json'), preprocessing);
}

/** Reads a run's preprocessing.json; a run without one cannot be evaluated or used to predict. */
export function readPreprocessing(dir: string): Preprocessing {
  const path = join(dir, 'preprocessing.json');
  const preprocessing = readJsonFile<Partial<Preprocessing>>(path);
  if (preprocessing === undefined) {
    throw new RunError(
      `${dir} is not a run folder with preprocessing.json`,
      'give the folder of a run, e.g. results/<name>/<run id>/ (runs made before preprocessing.json existed cannot be evaluated)',
    );
  }
  const missing = (['data', 'seed', 'inputShape', 'classNames', 'task', 'normalization'] as const).filter(
    (key) => preprocessing[key] === undefined,
  );
  if (missing.length > 0) {
    throw new RunError(
      `${path} lacks ${missing.join(', ')}: it was written by an older tfyaml`,
      'train the experiment again to evaluate or predict with it',
    );
  }
  return preprocessing as Preprocessing;
}
