// How a trial ended → its trials.csv row. The numbers come from the trial's own metrics.csv (written as each epoch
// ended), so a trial that died mid-way still reports the epochs it finished.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepMetric } from '@tfyaml/spec-schema';
import { readMetricsCsv } from '../results/metrics-csv.ts';
import { writeTrialFailureIfMissing } from '../results/summary.ts';
import type { TrialRecord, TrialStatus } from '../results/trials-csv.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import type { Params } from './space.ts';
import type { TrialExit } from './trial-process.ts';

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
export function recordOf(end: TrialEnd, metric: SweepMetric, interrupted: boolean): TrialRecord | undefined {
  const { exit } = end;
  if (interrupted && (!exit.reported || exit.status === 'interrupted')) return undefined;
  const rows = readMetricsCsv(join(end.dir, 'metrics.csv')).epochs;
  const { status, error } = end.timedOut ? { status: 'timeout' as const, error: end.timedOut } : statusOf(exit, rows);
  const best = bestEpochOf(rows, metric);
  const record: TrialRecord = {
    trial: end.trial,
    status,
    params: end.params,
    epochs: rows.length,
    seconds: end.seconds,
    ...(best ? { value: best.value, bestEpoch: best.epoch } : {}),
    ...(error ? { error } : {}),
  };
  if (status === 'failed') ensureSummary(end, record);
  return record;
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
