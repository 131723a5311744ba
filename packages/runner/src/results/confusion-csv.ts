import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/** confusion.csv: one row per true class, one column per predicted class, labelled with the class names. */
export function writeConfusionCsv(path: string, counts: number[][], classNames: readonly string[]): void {
  const names = counts.map((_, c) => classNames[c] ?? String(c));
  writeFileSync(path, stringify([['true\\predicted', ...names], ...counts.map((row, c) => [names[c], ...row])]));
}
