// summary.json: what a run was, how it ended and what it reached. Written at the end, and also when a run fails or
// is interrupted, so every run folder says what happened to it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochRow } from '../train/epoch-row.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const SUMMARY_FILE = 'summary.json';

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
  /** A completed run: predict() time per sample on its backend (train/inference-timing.ts). */
  inferenceMsPerSample?: number;
  epochsCompleted: number;
  /** A run continued with --resume: the last epoch of the interrupted attempt, where it went on. */
  resumedAfterEpoch?: number;
  final?: EpochRow;
  best?: { metric: string; value: number; epoch: number };
  test?: Record<string, number>;
  backend: unknown;
  versions: Record<string, string>;
  data: unknown;
  model: unknown;
}

export interface LayerRow {
  name: string;
  type: string;
  outputShape?: unknown;
  params?: number;
  inputs?: string[];
}

/** summary.json as read back: any tfyaml's (older ones lack newer fields), a failed trial's short one, every field
 * optional, with the shapes of the parts a report shows. */
export interface SummaryView {
  status?: string;
  error?: string;
  name?: string;
  spec?: string;
  overrides?: string[];
  seed?: number;
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  peakRssMb?: number;
  inferenceMsPerSample?: number;
  epochsCompleted?: number;
  best?: { metric: string; value: number; epoch: number };
  test?: Record<string, number>;
  backend?: {
    name?: string;
    requested?: string;
    skipped?: { name: string; reason: string }[];
    /** `auto`: one training step of the model timed per backend (backend/auto.ts). */
    timings?: { name: string; msPerStep?: number; dismissed?: string }[];
  };
  versions?: Record<string, string>;
  data?: {
    dataset?: string;
    source?: string;
    train?: number;
    test?: number;
    validation?: unknown;
    classNames?: string[];
  };
  model?: { totalParams?: number; trainableParams?: number; layers?: LayerRow[] };
  perClassAccuracy?: Record<string, number>;
  [other: string]: unknown;
}

/** What the sweep writes for a trial whose process died before writing its own summary.json, or that a constraint
 * kept from running (infeasible: its model's size is known from the spec). */
export interface TrialFailureSummary {
  status: 'failed' | 'infeasible';
  error?: string | undefined;
  trial: number;
  parameters: Record<string, unknown>;
  epochsCompleted: number;
  model?: { trainableParams: number };
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
  writeJsonFile(join(dir, SUMMARY_FILE), summary);
}

/** A trial that died before or without writing summary.json still gets one, so every trial folder says what happened. */
export function writeTrialFailureIfMissing(dir: string, summary: TrialFailureSummary): void {
  if (!existsSync(join(dir, SUMMARY_FILE))) writeJsonFile(join(dir, SUMMARY_FILE), summary);
}

/** A run's summary.json; undefined while it is still training (none written yet). */
export function readSummary(dir: string): SummaryView | undefined {
  return readJsonFile<SummaryView>(join(dir, SUMMARY_FILE));
}

export function hasSummary(dir: string): boolean {
  return existsSync(join(dir, SUMMARY_FILE));
}
