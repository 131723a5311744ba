// report.html for a run or a sweep folder, written atomically: a browser open on the old report (a sweep refreshes
// it after every trial) never reads a half-written file, and a report.html planted as a link is replaced, not followed.
import { join } from 'node:path';
import { RunError } from '../errors.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { writeChartFiles, type ChartFormat } from './chart-files.ts';
import type { Chart } from './charts/render.ts';
import { runReport } from './html/run-page.ts';
import { sweepReport } from './html/sweep-page.ts';
import { isRunFolder, readRun } from './read-run.ts';
import { isSweepFolder, readSweep } from './read-sweep.ts';

const REPORT_FILE = 'report.html';

export interface ReportOptions {
  /** Also write each chart as `charts/<id>.svg` and/or `.png`. */
  formats?: readonly ChartFormat[];
}

export interface WrittenReport {
  kind: 'run' | 'sweep';
  path: string;
  bytes: number;
  charts: string[];
}

export function writeRunReport(runDir: string, options: ReportOptions = {}): WrittenReport {
  return write('run', runDir, runReport(readRun(runDir)), options);
}

/** For sweeps: call after each trial is recorded (and once at the end) to refresh `<sweepDir>/report.html`. */
export function writeSweepReport(sweepDir: string, options: ReportOptions = {}): WrittenReport {
  return write('sweep', sweepDir, sweepReport(readSweep(sweepDir)), options);
}

/** A sweep folder or a run folder, whichever `dir` is (a sweep's trials are run folders too). */
export function writeReport(dir: string, options: ReportOptions = {}): WrittenReport {
  if (isSweepFolder(dir)) return writeSweepReport(dir, options);
  if (isRunFolder(dir)) return writeRunReport(dir, options);
  throw new RunError(
    `${dir} holds neither a run (metrics.csv, summary.json) nor a sweep (sweep.yaml, trials.csv)`,
    'pass a folder under results/, e.g. tfyaml report results/quickstart/20261126-083012',
  );
}

function write(
  kind: WrittenReport['kind'],
  dir: string,
  report: { html: string; charts: Chart[] },
  options: ReportOptions,
): WrittenReport {
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, report.html);
  return {
    kind,
    path,
    bytes: Buffer.byteLength(report.html),
    charts: writeChartFiles(dir, report.charts, options.formats ?? []),
  };
}
