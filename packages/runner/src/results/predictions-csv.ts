// predictions.csv: what evaluate and predict wrote for each record.
import { writeFileAtomic } from './atomic-write.ts';
import { formatCsv } from './csv.ts';

export interface PredictionRows {
  ids: readonly string[];
  /** count × width model outputs: class probabilities, or one regression prediction. */
  outputs: Float32Array;
  classNames: readonly string[];
  task: 'classification' | 'regression';
  /** True labels (class indices or targets), for evaluate's file. */
  truth?: ArrayLike<number> | undefined;
}

/** Marks a record that has no predicted class in argmaxRows' answer. */
export const NO_CLASS = -1;

/**
 * The predicted class index of each record: the highest probability; NO_CLASS where any score is NaN or infinite
 * (a NaN compares false with everything, so a plain argmax would name a class the model never chose).
 */
export function argmaxRows(outputs: Float32Array, width: number): Int32Array {
  const count = outputs.length / width;
  const best = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    if (!isFiniteRow(outputs, r, width)) {
      best[r] = NO_CLASS;
      continue;
    }
    for (let k = 1; k < width; k++) if (outputs[r * width + k]! > outputs[r * width + best[r]!]!) best[r] = k;
  }
  return best;
}

/** How many records have a NaN or infinite output. */
export function countNonFiniteRows(outputs: Float32Array, width: number): number {
  let count = 0;
  for (let r = 0; r < outputs.length / width; r++) if (!isFiniteRow(outputs, r, width)) count += 1;
  return count;
}

function isFiniteRow(outputs: Float32Array, r: number, width: number): boolean {
  for (let k = r * width; k < (r + 1) * width; k++) if (!Number.isFinite(outputs[k])) return false;
  return true;
}

/**
 * predictions.csv: `id, [label,] predicted, <class>…` with each class's probability (classification), or
 * `id, [target,] prediction` (regression). Numbers are written in full so files compare exactly; `predicted` is
 * empty for a record with a non-finite score.
 */
export function writePredictionsCsv(path: string, rows: PredictionRows): void {
  const { ids, outputs, classNames, task, truth } = rows;
  const width = task === 'classification' ? classNames.length : 1;
  const header =
    task === 'classification'
      ? ['id', ...(truth ? ['label'] : []), 'predicted', ...classNames]
      : ['id', ...(truth ? ['target'] : []), 'prediction'];
  const best = task === 'classification' ? argmaxRows(outputs, width) : undefined;
  const records = ids.map((id, r) => {
    const known = truth === undefined ? [] : [task === 'classification' ? classNames[truth[r]!]! : truth[r]!];
    const scores = Array.from(outputs.subarray(r * width, (r + 1) * width));
    if (task === 'regression') return [id, ...known, scores[0]!];
    return [id, ...known, best![r] === NO_CLASS ? '' : classNames[best![r]!]!, ...scores];
  });
  writeFileAtomic(path, formatCsv([header, ...records]));
}
