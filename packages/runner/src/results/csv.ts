// The CSV files a run or sweep writes (metrics.csv, trials.csv, confusion.csv, predictions.csv): one way to format
// them and one way to read them back.
//
// Cells come from data (class names, row ids, string parameters, error messages), and a spreadsheet runs a cell that
// starts with = + - @ tab or CR as a formula. Such string cells get a leading ' as OWASP recommends ("CSV Injection"),
// which spreadsheets show as text; readCsv takes it off again. Numbers, and strings that are plain numbers like
// "-0.5", stay as they are: a spreadsheet reads those as numbers, never as formulas.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { RunError } from '../errors.ts';
import { readResultsFile } from './read-file.ts';

export type Cell = string | number | undefined;

export interface CsvTable {
  header: string[];
  rows: Record<string, string>[];
}

const FORMULA_START = /^'*[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Rows as CSV text (quoted where needed), every string cell neutralised. */
export function formatCsv(rows: readonly (readonly Cell[])[]): string {
  return stringify(rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralise(cell) : (cell ?? '')))));
}

/** A cell that starts a formula gets one more leading quote (so a cell that began with quotes reads back exactly). */
export function neutralise(cell: string): string {
  return isFormula(cell) ? `'${cell}` : cell;
}

/** What `neutralise` was given. */
export function restore(cell: string): string {
  return cell.startsWith("'") && isFormula(cell.slice(1)) ? cell.slice(1) : cell;
}

function isFormula(cell: string): boolean {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell.replace(/^'+/, ''));
}

/** The file as header + rows keyed by column, cells restored; undefined when it does not exist (yet). */
export function readCsv(path: string): CsvTable | undefined {
  const text = readResultsFile(path);
  if (text === undefined) return undefined;
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new RunError(
      `${path} is not a CSV file tfyaml can read: ${(error as Error).message}`,
      'restore the file, or delete it',
      { cause: error },
    );
  }
  const [header = [], ...cells] = records.map((record) => record.map(restore));
  return { header, rows: cells.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']))) };
}

/** A numeric cell: empty, unparsable or not finite is undefined (an epoch without validation, a failed trial's
 * metric, a diverged epoch's NaN): charts draw a gap there. */
export function numberOf(cell: string | undefined): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}
