// dataset: csv — a table file; features and label by column name; splits by fraction, by another file, or by a column.
import { dirname, resolve } from 'node:path';
import { CSV_DEFAULTS, type CsvOptions, type DataSpec } from '@tfyaml/spec-schema';
import { DataError } from '../errors.ts';
import type { Dataset, LoadOptions, TableLayout, TableSplit } from '../types.ts';
import { encodeRows, type EncodedRows } from './csv-encode.ts';
import { inferLayout } from './csv-layout.ts';
import { readCsv, type CsvFile } from './csv-read.ts';
import { takeRecords } from './records.ts';
import { applySplits, type SplitSources } from './splits.ts';

/** `data.csv` with its defaults. */
export function csvOptions(spec: DataSpec): CsvOptions {
  if (spec.csv === undefined)
    throw new DataError('dataset: csv needs data.csv.label, the column to predict.', { specPath: 'data.dataset' });
  return { ...CSV_DEFAULTS, ...spec.csv, categorical: spec.csv.categorical ?? [] };
}

/** The encoded width of one row: one input per numeric column, per category (onehot) or per categorical column (embedding). */
export function tableWidth(layout: TableLayout): number {
  return layout.columns.reduce(
    (sum, c) => sum + (c.type === 'categorical' && layout.encoding === 'onehot' ? c.categories.length : 1),
    0,
  );
}

export async function loadCsv(spec: DataSpec, options: LoadOptions, seed: number): Promise<Dataset> {
  if (spec.path === undefined)
    throw new DataError('dataset: csv needs data.path, the table file.', { specPath: 'data.dataset' });
  const csv = csvOptions(spec);
  const splitFile = (name: unknown) =>
    typeof name === 'string' ? readCsv(resolve(dirname(spec.path!), name), csv.delimiter) : undefined;
  const [main, testFile, validationFile] = await Promise.all([
    readCsv(spec.path, csv.delimiter),
    splitFile(spec.split?.test),
    splitFile(spec.split?.validation),
  ]);
  const files = [main, testFile, validationFile].filter((f): f is CsvFile => f !== undefined);
  const layout = options.layout ?? inferLayout(files, csv, spec.split?.column);
  const encode = (file: CsvFile) =>
    report(
      encodeRows(file, layout, { missing: csv.missing, fillValue: csv.fillValue, id: csv.id, withLabels: true }),
      file,
      options,
    );

  const all = encode(main);
  const sources: SplitSources<TableSplit> =
    spec.split?.column === undefined ? { train: all.split } : byColumn(main, all, spec.split.column);
  if (testFile) sources.test = encode(testFile).split;
  if (validationFile) sources.validation = encode(validationFile).split;
  const { train, test, validation } = applySplits(sources, spec, seed);
  const numClasses = layout.task === 'classification' ? layout.classNames.length : 1;
  return {
    name: 'csv',
    inputShape: [tableWidth(layout)],
    numClasses,
    classNames: layout.classNames,
    task: layout.task,
    train,
    test,
    ...(validation ? { validation } : {}),
    source: spec.path,
    table: layout,
  };
}

/** Rows dropped for missing values and categories never seen are worth a line, not a failure. */
function report(encoded: EncodedRows, file: CsvFile, options: LoadOptions): EncodedRows {
  const dropped = file.rows.length - encoded.rows.length;
  if (dropped > 0)
    options.onWarning?.(
      `${file.path}: dropped ${dropped} of ${file.rows.length} rows with missing or non-finite values (data.csv.missing: drop)`,
    );
  for (const [column, count] of encoded.unseen) {
    options.onWarning?.(
      `${file.path}: ${count} value${count === 1 ? '' : 's'} of column "${column}" ${count === 1 ? 'is' : 'are'} not among the training categories; encoded as unknown`,
    );
  }
  return encoded;
}

const SPLIT_NAMES: Record<string, 'train' | 'validation' | 'test'> = {
  train: 'train',
  training: 'train',
  validation: 'validation',
  valid: 'validation',
  val: 'validation',
  test: 'test',
  testing: 'test',
};

/** data.split.column: each row says which split it belongs to. */
function byColumn(file: CsvFile, encoded: EncodedRows, column: string): SplitSources<TableSplit> {
  const j = file.header.indexOf(column);
  const parts = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  encoded.rows.forEach((row, record) => {
    const value = file.rows[row]![j]!;
    const part = SPLIT_NAMES[value.toLowerCase()];
    if (part === undefined) {
      throw new DataError(
        `${file.path}:${file.lines[row]}: column "${column}" (data.split.column) is "${value}"; each row must say train, validation or test.`,
        { files: [file.path] },
      );
    }
    parts[part].push(record);
  });
  if (parts.train.length === 0 || parts.test.length === 0) {
    throw new DataError(
      `${file.path}: column "${column}" (data.split.column) names ${parts.train.length} train and ${parts.test.length} test rows; both need at least one.`,
      { files: [file.path] },
    );
  }
  const sources: SplitSources<TableSplit> = {
    train: takeRecords(encoded.split, parts.train),
    test: takeRecords(encoded.split, parts.test),
  };
  if (parts.validation.length > 0) sources.validation = takeRecords(encoded.split, parts.validation);
  return sources;
}
