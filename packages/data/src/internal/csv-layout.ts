// Which columns are features, which are numeric or categorical, the categories and the classes: decided once,
// from every row of every file of the dataset (types and vocabularies are not statistics, so test rows may
// inform them), then stored with the run so new data is read the same way.
import type { CsvOptions, CsvTask } from '@tfyaml/spec-schema';
import { DataError } from '../errors.ts';
import type { TableColumn, TableLayout } from '../types.ts';
import { isMissing, isNumber, type CsvFile } from './csv-read.ts';

/** Labels with text, or at most this many distinct whole numbers, are classes. */
const MAX_INFERRED_CLASSES = 20;

export function inferLayout(files: CsvFile[], options: CsvOptions, splitColumn: string | undefined): TableLayout {
  for (const file of files)
    requireColumns(
      file,
      [options.label, ...(options.id ? [options.id] : []), ...(splitColumn ? [splitColumn] : [])],
      'named in data.csv and data.split',
    );
  const candidates = Array.isArray(options.features)
    ? options.features
    : files[0]!.header.filter((name) => name !== options.label && name !== options.id && name !== splitColumn);
  for (const file of files) requireColumns(file, candidates, 'named in data.csv.features');
  const typed = candidates.map((name) => columnOf(files, name, options.categorical.includes(name)));
  const columns = options.features === 'numeric' ? typed.filter((c) => c.type === 'numeric') : typed;
  if (columns.length === 0) {
    throw new DataError(
      `${files[0]!.path} has no ${options.features === 'numeric' ? 'numeric ' : ''}feature columns besides the label "${options.label}". List them in data.csv.features.`,
      { files: [files[0]!.path], specPath: 'data.csv.features' },
    );
  }
  const labels = presentCells(files, options.label);
  const task = options.task ?? inferTask(labels);
  if (task === 'regression') {
    const bad = labels.find((cell) => !isNumber(cell.value));
    if (bad)
      throw cellError(
        bad,
        options.label,
        `"${bad.value}" is not a number, but task is regression`,
        'fix the value, or set data.csv.task: classification',
      );
  }
  const classNames = task === 'classification' ? sortedDistinct(labels.map((c) => c.value)) : [options.label];
  if (task === 'classification' && classNames.length < 2) {
    throw new DataError(
      `The label column "${options.label}" has ${classNames.length} distinct value${classNames.length === 1 ? '' : 's'}; classification needs at least 2.`,
      { files: files.map((f) => f.path), specPath: 'data.csv.label' },
    );
  }
  return { columns, label: options.label, task, classNames, encoding: options.encoding };
}

/** Every named column must be in the file's header; the error lists the columns there are. */
export function requireColumns(file: CsvFile, names: readonly string[], why: string): void {
  const missing = names.filter((name) => !file.header.includes(name));
  if (missing.length > 0) {
    throw new DataError(
      `${file.path} has no column${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')} (${why}). Its columns are: ${file.header.join(', ')}.`,
      { files: [file.path] },
    );
  }
}

interface Cell {
  file: CsvFile;
  row: number;
  value: string;
}

function presentCells(files: CsvFile[], column: string): Cell[] {
  return files.flatMap((file) => {
    const j = file.header.indexOf(column);
    return file.rows.flatMap((row, i) => (isMissing(row[j]!) ? [] : [{ file, row: i, value: row[j]! }]));
  });
}

/** Numeric when every present value is a number. A column of mostly numbers with a few words is a typo, not categories. */
function columnOf(files: CsvFile[], name: string, categorical: boolean): TableColumn {
  const cells = presentCells(files, name);
  if (cells.length === 0)
    throw new DataError(`Column "${name}" of ${files[0]!.path} has no values at all. Remove it from the features.`, {
      files: [files[0]!.path],
    });
  if (!categorical) {
    const words = cells.filter((c) => !isNumber(c.value));
    if (words.length === 0) return { name, type: 'numeric' };
    if (words.length < cells.length / 2) {
      throw cellError(
        words[0]!,
        name,
        `"${words[0]!.value}" is not a number, but ${cells.length - words.length} of the column's ${cells.length} values are`,
        `fix the value, mark it missing (leave it empty), or list "${name}" in data.csv.categorical`,
      );
    }
  }
  return { name, type: 'categorical', categories: sortedDistinct(cells.map((c) => c.value)) };
}

function inferTask(labels: Cell[]): CsvTask {
  if (labels.some((c) => !isNumber(c.value))) return 'classification';
  const distinct = new Set(labels.map((c) => Number(c.value)));
  return [...distinct].every(Number.isInteger) && distinct.size <= MAX_INFERRED_CLASSES
    ? 'classification'
    : 'regression';
}

/** Numbers in numeric order, anything else in code-point order: the same on every machine. */
function sortedDistinct(values: string[]): string[] {
  const distinct = [...new Set(values)];
  return distinct.every(isNumber) ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
}

export function cellError(cell: Cell, column: string, what: string, hint: string): DataError {
  return new DataError(`${cell.file.path}:${cell.file.lines[cell.row]}: column "${column}": ${what}. Hint: ${hint}.`, {
    files: [cell.file.path],
  });
}
