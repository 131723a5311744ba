// trials.csv: one row per finished trial, appended as each ends:
// trial,status,<one column per parameter>,<metric>,best_epoch,epochs,seconds,error
import { appendFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { writeAtomically } from './journal.ts';
import type { TrialRecord } from './record.ts';

export class TrialsCsv {
  readonly columns: string[];

  constructor(readonly path: string, private readonly parameters: readonly string[], metric: string) {
    this.columns = ['trial', 'status', ...parameters, metric, 'best_epoch', 'epochs', 'seconds', 'error'];
  }

  /** Writes the header and these rows, replacing the file (a new sweep, or a resumed one catching up). */
  rewrite(records: readonly TrialRecord[]): void {
    writeAtomically(this.path, stringify([this.columns, ...records.map((r) => this.row(r))]));
  }

  append(record: TrialRecord): void {
    appendFileSync(this.path, stringify([this.row(record)]));
  }

  private row(r: TrialRecord): string[] {
    return [
      String(r.trial), r.status, ...this.parameters.map((p) => cell(r.params[p], true)), cell(r.value), cell(r.bestEpoch), String(r.epochs),
      r.seconds.toFixed(1), r.error?.split('\n')[0] ?? '',
    ];
  }
}

/** Metrics as metrics.csv writes them (6 significant digits), parameters exactly as the trial got them, strings as
 * they are, anything else as JSON. */
function cell(value: unknown, exact = false): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return exact || Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}
