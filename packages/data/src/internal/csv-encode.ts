// Rows of strings → a TableSplit of raw numbers, following a layout: numbers parsed, categories indexed, missing
// cells handled by the policy, labels turned into class indices or targets.
import type { MissingPolicy } from '@tfyaml/spec-schema';
import type { TableLayout, TableSplit } from '../types.ts';
import { cellError, requireColumns } from './csv-layout.ts';
import { isMissing, isNumber, type CsvFile } from './csv-read.ts';

export interface EncodeOptions {
  missing: MissingPolicy;
  fillValue: number;
  /** The column naming each row in predictions; else its line number. */
  id?: string | undefined;
  /** Predict reads files without labels; every label is then 0. */
  withLabels: boolean;
}

export interface EncodedRows {
  split: TableSplit;
  /** The file rows that became records (dropped rows are absent), in order. */
  rows: number[];
  /** Categories no training row had, by column: encoded as unknown. */
  unseen: Map<string, number>;
}

export function encodeRows(file: CsvFile, layout: TableLayout, options: EncodeOptions): EncodedRows {
  requireColumns(
    file,
    [
      ...layout.columns.map((c) => c.name),
      ...(options.withLabels ? [layout.label] : []),
      ...(options.id ? [options.id] : []),
    ],
    'the model was trained with these columns',
  );
  const width = layout.columns.length;
  const indices = layout.columns.map((c) => file.header.indexOf(c.name));
  const codes = layout.columns.map((c) =>
    c.type === 'categorical' ? new Map(c.categories.map((name, k) => [name, k])) : undefined,
  );
  const classes = new Map(layout.classNames.map((name, k) => [name, k]));
  const labelIndex = file.header.indexOf(layout.label);
  const idIndex = options.id === undefined ? -1 : file.header.indexOf(options.id);
  const values = new Float64Array(file.rows.length * width);
  const labels = layout.task === 'regression' ? new Float32Array(file.rows.length) : new Int32Array(file.rows.length);
  const rows: number[] = [];
  const ids: string[] = [];
  const unseen = new Map<string, number>();
  const missingHint = 'fill the cell, or set data.csv.missing: drop | mean | constant';

  rowLoop: for (let r = 0; r < file.rows.length; r++) {
    const row = file.rows[r]!;
    const at = rows.length;
    const cell = (j: number) => ({ file, row: r, value: row[j]! });
    for (let c = 0; c < width; c++) {
      const column = layout.columns[c]!;
      const text = row[indices[c]!]!;
      const overflows = column.type === 'numeric' && isOverflow(text, 'float64');
      let value: number;
      if (isMissing(text) || overflows) {
        if (options.missing === 'drop') continue rowLoop;
        if (options.missing === 'error') {
          throw overflows
            ? cellError(
                cell(indices[c]!),
                column.name,
                overflowWhat(text, 'float64'),
                `${overflowHint}, or set data.csv.missing: drop | mean | constant to treat it as missing`,
              )
            : cellError(cell(indices[c]!), column.name, `missing value${text ? ` "${text}"` : ''}`, missingHint);
        }
        // mean: NaN, replaced per batch by the training mean; constant: fillValue (a category: unknown).
        value =
          options.missing === 'constant' && column.type === 'numeric'
            ? options.fillValue
            : column.type === 'numeric'
              ? NaN
              : -1;
      } else if (column.type === 'numeric') {
        if (!isNumber(text))
          throw cellError(
            cell(indices[c]!),
            column.name,
            `"${text}" is not a number, but the column is numeric`,
            'fix the value or leave the cell empty',
          );
        value = Number(text);
      } else {
        value = codes[c]!.get(text) ?? -1;
        if (value < 0) unseen.set(column.name, (unseen.get(column.name) ?? 0) + 1);
      }
      values[at * width + c] = value;
    }
    if (options.withLabels) {
      const text = row[labelIndex]!;
      if (isMissing(text)) {
        if (options.missing === 'drop') continue;
        throw cellError(
          cell(labelIndex),
          layout.label,
          'missing label',
          'fill it, or set data.csv.missing: drop to skip such rows',
        );
      }
      if (layout.task === 'regression' && isOverflow(text, 'float32')) {
        if (options.missing === 'drop') continue;
        throw cellError(
          cell(labelIndex),
          layout.label,
          overflowWhat(text, 'float32'),
          `${overflowHint}, or set data.csv.missing: drop to skip such rows`,
        );
      }
      if (layout.task === 'regression') {
        if (!isNumber(text))
          throw cellError(
            cell(labelIndex),
            layout.label,
            `"${text}" is not a number, but task is regression`,
            'fix the value',
          );
        labels[at] = Number(text);
      } else {
        const k = classes.get(text);
        if (k === undefined)
          throw cellError(
            cell(labelIndex),
            layout.label,
            `"${text}" is not one of the classes (${layout.classNames.join(', ')})`,
            'fix the value; a model only predicts the classes it was trained on',
          );
        labels[at] = k;
      }
    }
    rows.push(r);
    ids.push(idIndex >= 0 ? row[idIndex]! : String(file.lines[r]));
  }
  const count = rows.length;
  return {
    split: { values: values.slice(0, count * width), labels: labels.slice(0, count), count, ids },
    rows,
    unseen,
  };
}

/** Where a value is kept: features as float64 (then standardized), regression targets as float32. */
type Storage = 'float64' | 'float32';
const STORAGE_MAX: Record<Storage, string> = { float64: '±1.8e308', float32: '±3.4e38' };

/** `1e999` is a well-formed number that its storage turns into ±Infinity: training on it diverges, so it is never a value. */
function isOverflow(text: string, storage: Storage): boolean {
  if (!isNumber(text)) return false;
  const value = Number(text);
  return !Number.isFinite(storage === 'float32' ? Math.fround(value) : value);
}

const overflowWhat = (text: string, storage: Storage) =>
  `"${text}" is beyond the largest number a ${storage} holds (${STORAGE_MAX[storage]}) and reads as ${Number(text) < 0 ? '-' : ''}Infinity`;
const overflowHint = 'fix the value (a typo in its exponent?)';
