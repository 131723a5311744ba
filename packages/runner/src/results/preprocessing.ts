// preprocessing.json: what a saved model expects of its input, so evaluate/predict can prepare new data the same way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PixelNormalization } from '@tfyaml/data';
import type { DataSpec } from '@tfyaml/spec-schema';

export interface Preprocessing {
  data: DataSpec;
  inputShape: number[];
  classNames: string[];
  /** x = (pixel / 255 - mean[c]) / std[c], statistics from the training split. */
  normalization: PixelNormalization;
}

export function writePreprocessing(dir: string, preprocessing: Preprocessing): void {
  writeFileSync(join(dir, 'preprocessing.json'), `${JSON.stringify(preprocessing, null, 2)}\n`);
}
