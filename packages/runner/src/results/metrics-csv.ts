// metrics.csv: one row per epoch, appended and flushed as each epoch ends, so a crash or Ctrl-C loses nothing; a
// full disk loses the row whole, never half of it.
import type { EpochRow } from '../train/epoch-row.ts';
import { appendFileWhole, writeFileAtomic } from './atomic-write.ts';
import { formatCsv, numberOf, readCsv } from './csv.ts';

export const BASE_COLUMNS = [
  'epoch',
  'loss',
  'accuracy',
  'val_loss',
  'val_accuracy',
  'learning_rate',
  'seconds',
  'samples_per_second',
] as const;

export class MetricsCsv {
  readonly columns: string[];

  /**
   * `extraMetrics`: metrics besides accuracy; each gets a train and a `val_` column after the base columns.
   * `rows`: a resumed run's finished epochs, written again as they were, so a row the interrupted run wrote for an
   * epoch it did not get to save is replaced, not repeated.
   */
  constructor(
    readonly path: string,
    extraMetrics: readonly string[],
    rows: readonly EpochRow[] = [],
  ) {
    this.columns = [...BASE_COLUMNS, ...extraMetrics.flatMap((m) => [m, `val_${m}`])];
    writeFileAtomic(path, formatCsv([this.columns, ...rows.map((row) => this.cells(row))]));
  }

  append(row: EpochRow): void {
    appendFileWhole(this.path, formatCsv([this.cells(row)]));
  }

  private cells(row: EpochRow): (number | undefined)[] {
    return this.columns.map((c) => format(row[c]));
  }
}

export interface MetricsTable {
  /** The file's columns, in file order. */
  columns: string[];
  /** One row per epoch; empty, NaN and infinite cells are left out (not measured, or diverged). */
  epochs: EpochRow[];
}

/** A run's metrics.csv; none when the run never got that far (no file, or no epoch finished). */
export function readMetricsCsv(path: string): MetricsTable {
  const table = readCsv(path);
  if (!table) return { columns: [], epochs: [] };
  const epochs = table.rows.map((row) =>
    Object.fromEntries(
      table.header.flatMap((c) => {
        const value = numberOf(row[c]);
        return value === undefined ? [] : [[c, value]];
      }),
    ),
  );
  return { columns: table.header, epochs };
}

/** 6 significant digits; a number stays a number, so even NaN and -Infinity are written as they are. */
function format(value: number | undefined): number | undefined {
  if (value === undefined || Number.isInteger(value)) return value;
  return Number(value.toPrecision(6));
}
