// metrics.csv: one row per epoch, appended and flushed as each epoch ends, so a crash or Ctrl-C loses nothing.
import { appendFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

export const BASE_COLUMNS = ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'learning_rate', 'seconds', 'samples_per_second'] as const;

export type EpochRow = Record<string, number | undefined>;

export class MetricsCsv {
  readonly columns: string[];

  /** `extraMetrics`: metrics besides accuracy; each gets a train and a `val_` column after the base columns. */
  constructor(readonly path: string, extraMetrics: readonly string[]) {
    this.columns = [...BASE_COLUMNS, ...extraMetrics.flatMap((m) => [m, `val_${m}`])];
    writeFileSync(path, stringify([this.columns]));
  }

  append(row: EpochRow): void {
    appendFileSync(this.path, stringify([this.columns.map((c) => format(row[c]))]));
  }
}

function format(value: number | undefined): string {
  if (value === undefined) return '';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
