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

/** The predicted class index of each record: the highest probability. */
export function argmaxRows(outputs: Float32Array, width: number): Int32Array {
  const count = outputs.length / width;
  const best = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    for (let k = 1; k < width; k++) if (outputs[r * width + k]! > outputs[r * width + best[r]!]!) best[r] = k;
  }
  return best;
}

/**
 * predictions.csv: `id, [label,] predicted, <class>…` with each class's probability (classification), or
 * `id, [target,] prediction` (regression). Numbers are written in full so files compare exactly.
 */
export function writePredictionsCsv(path: string, rows: PredictionRows): void {
  const { ids, outputs, classNames, task, truth } = rows;
  const width = task === 'classification' ? classNames.length : 1;
  const header = task === 'classification'
    ? ['id', ...(truth ? ['label'] : []), 'predicted', ...classNames]
    : ['id', ...(truth ? ['target'] : []), 'prediction'];
  const best = task === 'classification' ? argmaxRows(outputs, width) : undefined;
  const records = ids.map((id, r) => {
    const known = truth === undefined ? [] : [task === 'classification' ? classNames[truth[r]!]! : truth[r]!];
    const scores = Array.from(outputs.subarray(r * width, (r + 1) * width));
    return task === 'classification' ? [id, ...known, classNames[best![r]!]!, ...scores] : [id, ...known, scores[0]!];
  });
  writeFileAtomic(path, formatCsv([header, ...records]));
}
