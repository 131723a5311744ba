// summary.json: what a run was, how it ended and what it reached. Written at the end, and also when a run fails or
// is interrupted, so every run folder says what happened to it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochRow } from './metrics-csv.ts';

export type RunStatus = 'completed' | 'interrupted' | 'diverged' | 'pruned' | 'failed';

export interface RunSummary {
  status: RunStatus;
  error?: string;
  name: string;
  spec: string;
  overrides: string[];
  seed: number;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  /** Until the first batch: parse, validate, backend, data, model. */
  startupSeconds: number;
  /** Peak resident memory of the training process (worker threads included). */
  peakRssMb: number;
  epochsCompleted: number;
  final?: EpochRow;
  best?: { metric: string; value: number; epoch: number };
  test?: Record<string, number>;
  backend: unknown;
  versions: Record<string, string>;
  data: unknown;
  model: unknown;
}

/** The epoch with the best validation accuracy (or lowest validation loss when accuracy is not tracked). */
export function bestEpoch(rows: readonly EpochRow[]): RunSummary['best'] {
  const metric = rows.some((r) => r['val_accuracy'] !== undefined) ? 'val_accuracy' : 'val_loss';
  const sign = metric === 'val_loss' ? -1 : 1;
  let best: RunSummary['best'];
  for (const row of rows) {
    const value = row[metric];
    if (value === undefined || !Number.isFinite(value)) continue;
    if (!best || sign * value > sign * best.value) best = { metric, value, epoch: row['epoch']! };
  }
  return best;
}

export function writeSummary(dir: string, summary: RunSummary): void {
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
}
