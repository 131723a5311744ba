// A run folder read back for its report, through the readers of results/. Everything is optional: a run still
// training has no summary.json yet, a failed one may have no metrics, a regression run has no confusion matrix, an
// older run lacks newer fields.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RunError } from '../errors.ts';
import { readConfusionCsv, type Confusion } from '../results/confusion-csv.ts';
import { readMetricsCsv } from '../results/metrics-csv.ts';
import { readResultsFile } from '../results/read-file.ts';
import { hasSummary, readSummary, type SummaryView } from '../results/summary.ts';
import type { EpochRow } from '../train/epoch-row.ts';

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
  return existsSync(join(dir, 'metrics.csv')) || hasSummary(dir);
}

export function readRun(dir: string): RunData {
  if (!isRunFolder(dir)) {
    throw new RunError(
      `${dir} is not a run folder (it has neither metrics.csv nor summary.json)`,
      'pass a folder a run wrote, e.g. tfyaml report results/quickstart/20261126-083012',
    );
  }
  const summary = readSummary(dir) ?? {};
  const metrics = readMetricsCsv(join(dir, 'metrics.csv'));
  const specText = readResultsFile(join(dir, 'spec.yaml'));
  const confusion = readConfusionCsv(join(dir, 'confusion.csv'));
  return {
    name: summary.name ?? basename(join(dir, '..')),
    id: basename(dir),
    summary,
    ...metrics,
    ...(specText === undefined ? {} : { specText }),
    ...(confusion ? { confusion } : {}),
  };
}
