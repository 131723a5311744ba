import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.ts';
import { readDataFile } from './data-file.ts';

/** A parsed table file: the header and each row's cells, with the line each row ends on (for messages). */
export interface CsvFile {
  path: string;
  header: string[];
  rows: string[][];
  lines: number[];
}

/** Reads a CSV file with a header row; a malformed file is a DataError naming its line. */
export async function readCsv(path: string, delimiter: string): Promise<CsvFile> {
  const bytes = await readDataFile(path, 'Check data.path.');
  return parseCsv(bytes.toString('utf8'), path, delimiter);
}

export function parseCsv(text: string, path: string, delimiter: string): CsvFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DataError(
      `${path}${line ? `:${line}` : ''}: not a valid CSV table: ${(error as Error).message}. Every row needs as many cells as the header${delimiter === ',' ? '' : ` (cells separated by "${delimiter}")`}; quote cells that contain the separator.`,
      {
        files: [path],
        cause: error,
      },
    );
  }
  const [first, ...rest] = records;
  if (first === undefined)
    throw new DataError(
      `${path} is empty; a CSV table needs a header row naming its columns, then one row per record.`,
      { files: [path] },
    );
  const header = first.record;
  const duplicate = header.find((name, i) => header.indexOf(name) !== i);
  if (duplicate !== undefined)
    throw new DataError(`${path}:1: the column name "${duplicate}" appears twice in the header; rename one.`, {
      files: [path],
    });
  const blank = header.indexOf('');
  if (blank >= 0)
    throw new DataError(`${path}:1: column ${blank + 1} of the header has no name; name every column.`, {
      files: [path],
    });
  return { path, header, rows: rest.map((r) => r.record), lines: rest.map((r) => r.info.lines) };
}

// What counts as a missing cell: empty, or one of the usual spellings of "not available".
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

export function isMissing(cell: string): boolean {
  return MISSING.has(cell.toLowerCase());
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (no hex, no "Infinity"): what spreadsheets export. */
export function isNumber(cell: string): boolean {
  return NUMBER.test(cell);
}
