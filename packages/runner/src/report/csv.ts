// The CSV files a run or sweep writes (metrics.csv, confusion.csv, trials.csv), read back. csv-stringify quotes a
// field that holds a comma, quote or newline, so a plain split(',') would misread a trial's error message.
import { existsSync, readFileSync } from 'node:fs';

export interface Table { header: string[]; rows: Record<string, string>[] }

/** RFC 4180: quoted fields, doubled quotes inside them, LF or CRLF line ends; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') [field, i] = [`${field}"`, i + 1];
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') [record, field] = [[...record, field], ''];
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      if (record.length > 0 || field !== '') records.push([...record, field]);
      [record, field] = [[], ''];
    } else field += char;
  }
  if (record.length > 0 || field !== '') records.push([...record, field]);
  return records;
}

/** The file as header + rows keyed by column; undefined when the file does not exist (yet). */
export function readTable(path: string): Table | undefined {
  if (!existsSync(path)) return undefined;
  const [header = [], ...records] = parseCsv(readFileSync(path, 'utf8'));
  return { header, rows: records.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))) };
}

/** A numeric cell: empty, unparsable or not finite is undefined (an epoch without validation, a failed trial's
 * metric, a diverged epoch's NaN): charts draw a gap there. */
export function numberOf(cell: string | undefined): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}
