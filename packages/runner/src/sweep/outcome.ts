// How a trial ended → its trials.csv row. The numbers come from the trial's own metrics.csv (written as each epoch
// ended), so a trial that died mid-way still reports the epochs it finished.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { epochObjectives, primaryMetric, type SweepMetric, type SweepSpec } from '@tfyaml/spec-schema';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { readMetricsCsv } from '../results/metrics-csv.ts';
import { readSummary, writeTrialFailureIfMissing } from '../results/summary.ts';
import type { TrialRecord, TrialStatus } from '../results/trials-csv.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import type { Params } from './space.ts';
import type { TrialExit } from './trial-process.ts';

/** The part of the sweep block a record depends on. */
type Objectives = Pick<SweepSpec, 'metric' | 'metrics'>;

/** The epoch with the best finite value of the metric. */
export function bestEpochOf(
  rows: readonly EpochRow[],
  metric: SweepMetric,
): { value: number; epoch: number } | undefined {
  let best: { value: number; epoch: number } | undefined;
  for (const row of rows) {
    const value = row[metric.name];
    if (value === undefined || !Number.isFinite(value)) continue;
    if (!best || (metric.goal === 'maximize' ? value > best.value : value < best.value))
      best = { value, epoch: row['epoch']! };
  }
  return best;
}

export interface TrialEnd {
  trial: number;
  params: Params;
  dir: string;
  exit: TrialExit;
  seconds: number;
  /** Why the sweep stopped it at its timeout (budget.ts's line); it is recorded as timeout whatever its exit. */
  timedOut?: string;
}

/** The record of a trial that ended on its own; undefined for one stopped by Ctrl-C (it runs again on resume). */
export function recordOf(end: TrialEnd, sweep: Objectives, interrupted: boolean): TrialRecord | undefined {
  const { exit } = end;
  if (interrupted && (!exit.reported || exit.status === 'interrupted')) return undefined;
  const rows = readMetricsCsv(join(end.dir, 'metrics.csv')).epochs;
  const { status, error } = end.timedOut ? { status: 'timeout' as const, error: end.timedOut } : statusOf(exit, rows);
  const best = bestEpochOf(rows, primaryMetric(sweep));
  const record: TrialRecord = {
    trial: end.trial,
    status,
    params: end.params,
    epochs: rows.length,
    seconds: end.seconds,
    ...(best ? { value: best.value, bestEpoch: best.epoch } : {}),
    ...(best ? objectivesAt(rows, best.epoch, sweep) : {}),
    ...measured(end.dir),
    ...(error ? { error } : {}),
  };
  if (status === 'failed') ensureSummary(end, record);
  return record;
}

/** Several metrics.csv objectives: each one's value at the best epoch (which the first picked). */
function objectivesAt(rows: readonly EpochRow[], epoch: number, sweep: Objectives): Pick<TrialRecord, 'metrics'> {
  const objectives = epochObjectives(sweep);
  const row = rows.find((r) => r['epoch'] === epoch);
  if (objectives.length < 2 || !row) return {};
  const values = objectives.flatMap((o) => (Number.isFinite(row[o.name]) ? [[o.name, row[o.name]!] as const] : []));
  return { metrics: Object.fromEntries(values) };
}

/** What the trial's summary.json measured: its model's size, predict speed and peak memory, as far as it got. */
function measured(dir: string): Pick<TrialRecord, 'paramCount' | 'inferenceMsPerSample' | 'peakRssMb'> {
  const summary = readSummary(dir);
  const fields = {
    paramCount: summary?.model?.trainableParams,
    inferenceMsPerSample: summary?.inferenceMsPerSample,
    peakRssMb: summary?.peakRssMb,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'number'));
}

function statusOf(exit: TrialExit, rows: readonly EpochRow[]): { status: TrialStatus; error?: string } {
  if (!exit.reported) {
    const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`;
    return {
      status: 'failed',
      error: `the trial process ${how}${exit.lastOutput ? `; its last output: ${exit.lastOutput}` : ''}`,
    };
  }
  switch (exit.status) {
    case 'diverged': {
      const last = rows.at(-1);
      const epoch =
        last && !(Number.isFinite(last['loss']) && Number.isFinite(last['val_loss']))
          ? last['epoch']!
          : rows.length + 1;
      return { status: 'diverged', error: `the loss became NaN or infinite in epoch ${epoch}` };
    }
    case 'interrupted':
      return { status: 'failed', error: 'the trial process was interrupted (SIGINT) while the sweep went on' };
    case 'failed':
      return { status: 'failed', error: exit.error ?? 'failed without a message' };
    default:
      return { status: exit.status };
  }
}

/** A trial a constraint kept from running: its folder holds the spec it would have run and why it did not. */
export function writeInfeasibleTrial(dir: string, record: TrialRecord, specText: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'spec.yaml'), specText);
  writeTrialFailureIfMissing(dir, {
    status: 'infeasible',
    error: record.error,
    trial: record.trial,
    parameters: record.params,
    epochsCompleted: 0,
    ...(record.paramCount === undefined ? {} : { model: { trainableParams: record.paramCount } }),
  });
}

/** A trial that died before or without writing summary.json still gets one, so every trial folder says what happened. */
function ensureSummary(end: TrialEnd, record: TrialRecord): void {
  mkdirSync(end.dir, { recursive: true });
  writeTrialFailureIfMissing(end.dir, {
    status: 'failed',
    error: record.error,
    trial: record.trial,
    parameters: record.params,
    epochsCompleted: record.epochs,
  });
}
