// trials.csv: one row per finished trial, appended as each ends:
// trial,status,<one column per parameter>,<metric…>,best_epoch,epochs,seconds,params,inference_ms_per_sample,
// peak_rss_mb,attempt,error
// <metric…> is the sweep metric, or each metrics.csv objective of a multi-objective sweep (sweep.metrics); the
// per-trial columns after `seconds` are there for every trial that got that far (older sweeps' files lack them).
// A conditional sweep has a column for every parameter, sub-parameters included; a trial leaves the cells of the
// parameters that were inactive for it blank.
import { epochObjectives, flattenSpace, type SweepParameter, type SweepSpec } from '@tfyaml/spec-schema';
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
  /** A multi-objective sweep: each metrics.csv objective's value at the best epoch (`value` is the first's). */
  metrics?: Record<string, number>;
  /** Trainable parameters of the trial's model (the `params` column). */
  paramCount?: number;
  /** predict() time per sample after training, on the trial's backend. */
  inferenceMsPerSample?: number;
  /** Peak resident memory of the trial's process. */
  peakRssMb?: number;
  /** 1 for the first try; each retry, or rerun after a lost worker, counts up. Absent in older sweeps' records. */
  attempt?: number;
}

/** The per-trial columns after `seconds`, each with the record field it comes from. */
const TRIAL_FIELDS = {
  params: 'paramCount',
  inference_ms_per_sample: 'inferenceMsPerSample',
  peak_rss_mb: 'peakRssMb',
  attempt: 'attempt',
} as const satisfies Record<string, keyof TrialRecord>;
type TrialField = (typeof TRIAL_FIELDS)[keyof typeof TRIAL_FIELDS];
const TRIAL_COLUMNS = Object.keys(TRIAL_FIELDS) as (keyof typeof TRIAL_FIELDS)[];

/** What a record, a trials.csv row or a report's trial holds of the columns. */
type ColumnValues = Partial<Pick<TrialRecord, 'value' | 'metrics' | 'seconds' | TrialField>>;

/** A record's value in a column a sweep objective may name: a metrics.csv column, or a per-trial one. */
export function columnValue(record: ColumnValues, column: string): number | undefined {
  if (column === 'seconds') return record.seconds;
  if (Object.hasOwn(TRIAL_FIELDS, column)) return record[TRIAL_FIELDS[column as keyof typeof TRIAL_FIELDS]];
  return record.metrics?.[column] ?? (record.metrics === undefined ? record.value : undefined);
}

/** The parameter columns of a sweep: every parameter in declaration order, each choice's sub-parameters after it. */
export const parameterColumns = (parameters: Record<string, SweepParameter>): string[] =>
  flattenSpace(parameters).map((p) => p.path);

export class TrialsCsv {
  readonly columns: string[];
  private readonly metrics: readonly string[];

  constructor(
    readonly path: string,
    private readonly parameters: readonly string[],
    /** The sweep metric, or the metrics.csv objectives of a multi-objective sweep. */
    metrics: string | readonly string[],
  ) {
    this.metrics = typeof metrics === 'string' ? [metrics] : metrics;
    this.columns = [
      'trial',
      'status',
      ...parameters,
      ...this.metrics,
      'best_epoch',
      'epochs',
      'seconds',
      ...TRIAL_COLUMNS,
      'error',
    ];
  }

  static forSweep(path: string, sweep: SweepSpec): TrialsCsv {
    return new TrialsCsv(
      path,
      parameterColumns(sweep.parameters),
      epochObjectives(sweep).map((m) => m.name),
    );
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
      ...this.metrics.map((m, i) => cell(r.metrics ? r.metrics[m] : i === 0 ? r.value : undefined)),
      cell(r.bestEpoch),
      String(r.epochs),
      r.seconds.toFixed(1),
      ...TRIAL_COLUMNS.map((c) => cell(r[TRIAL_FIELDS[c]])),
      r.error?.split('\n')[0] ?? '',
    ];
  }
}

/** A trials.csv row read back: parameters as written (the reader decides what they are), numbers where numbers are. */
export interface TrialRow extends Partial<Pick<TrialRecord, TrialField>> {
  trial: number;
  status: string;
  params: Record<string, string>;
  /** The first metric column. */
  value?: number;
  /** Every metric column of a multi-objective sweep. */
  metrics?: Record<string, number>;
  bestEpoch?: number;
  epochs?: number;
  seconds?: number;
  error?: string;
}

export interface TrialsTable {
  /** The parameter columns, in file order. */
  parameters: string[];
  /** The metric column (the first of them). */
  metric?: string;
  /** Every metric column. */
  metrics: string[];
  rows: TrialRow[];
}

/**
 * A sweep's trials.csv; undefined before the sweep wrote one. `metrics`: the metric columns the sweep wrote (sweep.yaml
 * says); without them the one column before best_epoch is taken for the metric, as single-metric sweeps write it.
 */
export function readTrialsCsv(path: string, metrics?: readonly string[]): TrialsTable | undefined {
  const table = readCsv(path);
  if (!table) return undefined;
  const end = table.header.indexOf('best_epoch');
  const between = table.header.slice(2, Math.max(2, end));
  const metricColumns = metrics ? between.filter((c) => metrics.includes(c)) : between.slice(-1);
  const parameters = between.filter((c) => !metricColumns.includes(c));
  const metric = metricColumns[0];
  const rows = table.rows.map((row): TrialRow => {
    const values = metricColumns.flatMap((m) => {
      const value = numberOf(row[m]);
      return value === undefined ? [] : [[m, value] as const];
    });
    const fields = {
      value: metric === undefined ? undefined : numberOf(row[metric]),
      metrics: metricColumns.length > 1 ? Object.fromEntries(values) : undefined,
      bestEpoch: numberOf(row['best_epoch']),
      epochs: numberOf(row['epochs']),
      seconds: numberOf(row['seconds']),
      ...Object.fromEntries(TRIAL_COLUMNS.map((c) => [TRIAL_FIELDS[c], numberOf(row[c])])),
      error: row['error'] || undefined,
    };
    return {
      trial: Number(row['trial']),
      status: row['status'] || 'unknown',
      params: Object.fromEntries(parameters.filter((p) => (row[p] ?? '') !== '').map((p) => [p, row[p]!])),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
  });
  return { parameters, ...(metric === undefined ? {} : { metric }), metrics: metricColumns, rows };
}

/** Metrics as metrics.csv writes them (6 significant digits), parameters exactly as the trial got them, strings as
 * they are, anything else as JSON. */
function cell(value: unknown, exact = false): Cell {
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'number') return exact || Number.isInteger(value) ? value : Number(value.toPrecision(6));
  return JSON.stringify(value);
}
