// trials.csv: one row per finished trial, appended as each ends:
// trial,status,<one column per parameter>,<metric>,best_epoch,epochs,seconds,error
// A conditional sweep has a column for every parameter, sub-parameters included; a trial leaves the cells of the
// parameters that were inactive for it blank.
import { flattenSpace, type SweepParameter } from '@tfyaml/spec-schema';
import type { Params } from '../sweep/space.ts';
import { appendFileWhole, writeFileAtomic } from './atomic-write.ts';
import { formatCsv, numberOf, readCsv, type Cell } from './csv.ts';

/** timeout: stopped at sweep.timeout, with the epochs it finished; infeasible: broke a sweep.constraints limit. */
export type TrialStatus = 'completed' | 'pruned' | 'failed' | 'diverged' | 'timeout' | 'infeasible';

/** A finished trial, as trials.csv, best.json, the journal and the samplers see it. */
export interface TrialRecord {
  trial: number;
  status: TrialStatus;
  params: Params;
  /** The sweep metric at the trial's best epoch; absent when no epoch finished with a finite value. */
  value?: number;
  bestEpoch?: number;
  /** Epochs completed (a pruned trial: the epoch it stopped at). */
  epochs: number;
  seconds: number;
  error?: string;
}

/** The parameter columns of a sweep: every parameter in declaration order, each choice's sub-parameters after it. */
export const parameterColumns = (parameters: Record<string, SweepParameter>): string[] =>
  flattenSpace(parameters).map((p) => p.path);

export class TrialsCsv {
  readonly columns: string[];

  constructor(
    readonly path: string,
    private readonly parameters: readonly string[],
    metric: string,
  ) {
    this.columns = ['trial', 'status', ...parameters, metric, 'best_epoch', 'epochs', 'seconds', 'error'];
  }

  /** Writes the header and these rows, replacing the file (a new sweep, or a resumed one catching up). */
  rewrite(records: readonly TrialRecord[]): void {
    writeFileAtomic(this.path, formatCsv([this.columns, ...records.map((r) => this.row(r))]));
  }

  append(record: TrialRecord): void {
    appendFileWhole(this.path, formatCsv([this.row(record)]));
  }

  private row(r: TrialRecord): Cell[] {
    return [
      String(r.trial),
      r.status,
      ...this.parameters.map((p) => cell(r.params[p], true)),
      cell(r.value),
      cell(r.bestEpoch),
      String(r.epochs),
      r.seconds.toFixed(1),
      r.error?.split('\n')[0] ?? '',
    ];
  }
}

/** A trials.csv row read back: parameters as written (the reader decides what they are), numbers where numbers are. */
export interface TrialRow {
  trial: number;
  status: string;
  params: Record<string, string>;
  value?: number;
  bestEpoch?: number;
  epochs?: number;
  seconds?: number;
  error?: string;
}

export interface TrialsTable {
  /** The parameter columns, in file order. */
  parameters: string[];
  /** The metric column (the one before best_epoch). */
  metric?: string;
  rows: TrialRow[];
}

/** A sweep's trials.csv; undefined before the sweep wrote one. */
export function readTrialsCsv(path: string): TrialsTable | undefined {
  const table = readCsv(path);
  if (!table) return undefined;
  const metricAt = table.header.indexOf('best_epoch') - 1;
  const metric = metricAt > 1 ? table.header[metricAt] : undefined;
  const parameters = table.header.slice(2, metricAt > 1 ? metricAt : 2);
  const rows = table.rows.map((row): TrialRow => {
    const fields = {
      value: metric === undefined ? undefined : numberOf(row[metric]),
      bestEpoch: numberOf(row['best_epoch']),
      epochs: numberOf(row['epochs']),
      seconds: numberOf(row['seconds']),
      error: row['error'] || undefined,
    };
    return {
      trial: Number(row['trial']),
      status: row['status'] || 'unknown',
      params: Object.fromEntries(parameters.filter((p) => (row[p] ?? '') !== '').map((p) => [p, row[p]!])),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
  });
  return { parameters, ...(metric === undefined ? {} : { metric }), rows };
}

/** Metrics as metrics.csv writes them (6 significant digits), parameters exactly as the trial got them, strings as
 * they are, anything else as JSON. */
function cell(value: unknown, exact = false): Cell {
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'number') return exact || Number.isInteger(value) ? value : Number(value.toPrecision(6));
  return JSON.stringify(value);
}
