// A run folder read back for its report. Everything is optional: a run still training has no summary.json yet, a
// failed one may have no metrics, a regression run has no confusion matrix, an older run lacks newer fields.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RunError } from '../errors.ts';
import type { EpochRow } from '../results/metrics-csv.ts';
import { numberOf, readTable } from './csv.ts';

export interface LayerRow { name: string; type: string; outputShape?: unknown; params?: number; inputs?: string[] }

/** summary.json as written by results/summary.ts, every field optional. */
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
  epochsCompleted?: number;
  best?: { metric: string; value: number; epoch: number };
  test?: Record<string, number>;
  backend?: { name?: string; requested?: string; skipped?: { name: string; reason: string }[] };
  versions?: Record<string, string>;
  data?: { dataset?: string; source?: string; train?: number; test?: number; validation?: unknown; classNames?: string[] };
  model?: { totalParams?: number; trainableParams?: number; layers?: LayerRow[] };
  perClassAccuracy?: Record<string, number>;
  [other: string]: unknown;
}

export interface Confusion { classes: string[]; counts: number[][] }

export interface RunData {
  /** The experiment's name and the run id (the folder name). */
  name: string;
  id: string;
  specText?: string;
  summary: SummaryView;
  /** metrics.csv's columns, in file order. */
  columns: string[];
  epochs: EpochRow[];
  confusion?: Confusion;
}

export function isRunFolder(dir: string): boolean {
  return existsSync(join(dir, 'metrics.csv')) || existsSync(join(dir, 'summary.json'));
}

export function readRun(dir: string): RunData {
  if (!isRunFolder(dir)) {
    throw new RunError(`${dir} is not a run folder (it has neither metrics.csv nor summary.json)`,
      'pass a folder a run wrote, e.g. tfyaml report results/quickstart/20261126-083012');
  }
  const summary = readJson<SummaryView>(join(dir, 'summary.json')) ?? {};
  const metrics = readEpochs(join(dir, 'metrics.csv'));
  const specPath = join(dir, 'spec.yaml');
  const confusion = readConfusion(join(dir, 'confusion.csv'));
  return {
    name: summary.name ?? basename(join(dir, '..')), id: basename(dir), summary, ...metrics,
    ...(existsSync(specPath) ? { specText: readFileSync(specPath, 'utf8') } : {}),
    ...(confusion ? { confusion } : {}),
  };
}

/** metrics.csv as numbers; a run that has not finished an epoch yet has none. */
export function readEpochs(path: string): { columns: string[]; epochs: EpochRow[] } {
  const table = readTable(path);
  if (!table) return { columns: [], epochs: [] };
  return { columns: table.header, epochs: table.rows.map((row) => Object.fromEntries(table.header.map((c) => [c, numberOf(row[c])]))) };
}

/** A JSON file tfyaml wrote; undefined when absent, a user error when damaged (hand-edited, cut off by a full disk). */
export function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new RunError(`${path} is not valid JSON: ${(error as Error).message}`, 'restore the file, or delete it to report without it', { cause: error });
  }
}

/** confusion.csv: `true\predicted,<classes>`, then one row per true class. */
function readConfusion(path: string): Confusion | undefined {
  const table = readTable(path);
  if (!table || table.header.length < 2) return undefined;
  const classes = table.header.slice(1);
  return { classes, counts: table.rows.map((row) => classes.map((c) => numberOf(row[c]) ?? 0)) };
}
