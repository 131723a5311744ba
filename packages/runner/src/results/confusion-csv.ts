// confusion.csv: one row per true class, one column per predicted class, labelled with the class names.
import { formatCsv, numberOf, readCsv } from './csv.ts';
import { writeFileAtomic } from './atomic-write.ts';

export interface Confusion {
  classes: string[];
  counts: number[][];
}

export function writeConfusionCsv(path: string, counts: number[][], classNames: readonly string[]): void {
  const names = counts.map((_, c) => classNames[c] ?? String(c));
  writeFileAtomic(path, formatCsv([['true\\predicted', ...names], ...counts.map((row, c) => [names[c], ...row])]));
}

/** `true\predicted,<classes>`, then one row per true class; undefined without the file (a regression run). */
export function readConfusionCsv(path: string): Confusion | undefined {
  const table = readCsv(path);
  if (!table || table.header.length < 2) return undefined;
  const classes = table.header.slice(1);
  return { classes, counts: table.rows.map((row) => classes.map((c) => numberOf(row[c]) ?? 0)) };
}
