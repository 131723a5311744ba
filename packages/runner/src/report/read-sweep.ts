// A sweep folder read back for its report: sweep.yaml (metric, goal, distributions), trials.csv (one row per finished
// trial), best.json, and each trial's own run folder under trials/. A sweep in progress is read as far as it got.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { RunError } from '../errors.ts';
import type { EpochRow } from '../results/metrics-csv.ts';
import { numberOf, readTable, type Table } from './csv.ts';
import { paramAxis, paramValueOf, type ParamAxis, type ParamValue } from './param-axis.ts';
import { readEpochs, readJson } from './read-run.ts';

export type Goal = 'maximize' | 'minimize';

export interface Trial {
  id: number;
  /** completed | pruned | failed | diverged from trials.csv; `unfinished` for a trial folder not recorded yet. */
  status: string;
  params: Record<string, ParamValue>;
  value?: number;
  bestEpoch?: number;
  epochs?: number;
  seconds?: number;
  error?: string;
  /** Its run folder, relative to the sweep folder (`trials/007`), when there is one. */
  folder?: string;
  /** Its metrics.csv: a pruned trial's rows end at the epoch it was stopped at. */
  curve: EpochRow[];
  hasReport: boolean;
}

export interface SweepData {
  name: string;
  id: string;
  specText?: string;
  method?: string;
  metric: { name: string; goal: Goal };
  axes: ParamAxis[];
  trials: Trial[];
  bestId?: number;
}

interface SweepBlock { method?: string; metric?: { name?: string; goal?: string }; parameters?: Record<string, unknown> }
interface BestJson { trial?: number; metric?: { name?: string; goal?: string } }

export function isSweepFolder(dir: string): boolean {
  return ['sweep.yaml', 'trials.csv'].some((file) => existsSync(join(dir, file)));
}

export function readSweep(dir: string): SweepData {
  if (!isSweepFolder(dir)) {
    throw new RunError(`${dir} is not a sweep folder (it has neither sweep.yaml nor trials.csv)`,
      'pass the folder the sweep printed when it started, e.g. tfyaml report results/cifar-sweep/20261126-083012');
  }
  const { specText, doc } = readSweepYaml(join(dir, 'sweep.yaml'));
  const block = doc?.sweep ?? {};
  const best = readJson<BestJson>(join(dir, 'best.json'));
  const table = readTable(join(dir, 'trials.csv'));
  const metricName = block.metric?.name ?? best?.metric?.name ?? metricColumnOf(table) ?? 'val_loss';
  const paths = table ? parameterColumns(table, metricName) : Object.keys(block.parameters ?? {});
  const folders = trialFolders(dir);
  const recorded = (table?.rows ?? []).map((row) => trialOf(row, paths, metricName, dir, folders));
  const seen = new Set(recorded.map((t) => t.id));
  const unfinished = [...folders].filter(([id]) => !seen.has(id)).map(([id, folder]) => unfinishedTrial(id, folder, dir));
  const trials = [...recorded, ...unfinished];
  const goal = goalOf(block.metric?.goal ?? best?.metric?.goal, metricName);
  const axes = paths.map((path) => paramAxis(path, block.parameters?.[path], trials.flatMap((t) => (path in t.params ? [t.params[path]!] : []))));
  const bestId = best?.trial !== undefined && seen.has(best.trial) ? best.trial : ranked(trials, goal)[0]?.id;
  return {
    name: typeof doc?.name === 'string' ? doc.name : basename(join(dir, '..')), id: basename(dir), metric: { name: metricName, goal }, axes, trials,
    ...(specText ? { specText } : {}), ...(block.method ? { method: block.method } : {}), ...(bestId !== undefined ? { bestId } : {}),
  };
}

/** Trials with a metric value, best first: completed before pruned (a pruned trial stopped early), then by value. */
export function ranked(trials: readonly Trial[], goal: Goal): Trial[] {
  const sign = goal === 'maximize' ? -1 : 1;
  const tier = (t: Trial) => (t.status === 'completed' ? 0 : 1);
  return trials.filter((t) => t.value !== undefined && t.status !== 'failed' && t.status !== 'diverged')
    .sort((a, b) => tier(a) - tier(b) || sign * (a.value! - b.value!));
}

/** `maximize | minimize` as written, or W&B's and Keras' `max | min`; without one, a loss or error is minimized. */
export function goalOf(written: string | undefined, metric: string): Goal {
  if (written && /^max/i.test(written)) return 'maximize';
  if (written && /^min/i.test(written)) return 'minimize';
  return /loss|error|mse|mae/i.test(metric) ? 'minimize' : 'maximize';
}

function readSweepYaml(path: string): { specText?: string; doc?: { name?: unknown; sweep?: SweepBlock } } {
  if (!existsSync(path)) return {};
  const specText = readFileSync(path, 'utf8');
  try {
    return { specText, doc: parse(specText) ?? {} };
  } catch (error) {
    throw new RunError(`${path} is not valid YAML: ${(error as Error).message}`, 'restore the file the sweep wrote', { cause: error });
  }
}

/** trials.csv's metric is the column before best_epoch. */
function metricColumnOf(table: Table | undefined): string | undefined {
  const index = table?.header.indexOf('best_epoch') ?? -1;
  return index > 0 ? table!.header[index - 1] : undefined;
}

function parameterColumns(table: Table, metric: string): string[] {
  const end = table.header.indexOf(metric);
  return table.header.slice(2, end > 2 ? end : 2);
}

/** trials/<n>/ by trial number: the sweep pads the number (`007`), so folders are matched by value, not name. */
function trialFolders(dir: string): Map<number, string> {
  const root = join(dir, 'trials');
  if (!existsSync(root)) return new Map();
  const entries = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && /^\d+$/.test(e.name));
  return new Map(entries.map((e) => [Number(e.name), `trials/${e.name}`]));
}

function trialOf(row: Record<string, string>, paths: readonly string[], metric: string, dir: string, folders: Map<number, string>): Trial {
  const id = Number(row['trial']);
  const params = Object.fromEntries(paths.filter((p) => (row[p] ?? '') !== '').map((p) => [p, paramValueOf(row[p]!)]));
  const fields = {
    value: numberOf(row[metric]), bestEpoch: numberOf(row['best_epoch']), epochs: numberOf(row['epochs']),
    seconds: numberOf(row['seconds']), error: row['error'] || undefined,
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { id, status: row['status'] || 'unknown', params, ...defined, ...trialFiles(dir, folders.get(id)) };
}

function unfinishedTrial(id: number, folder: string, dir: string): Trial {
  const files = trialFiles(dir, folder);
  return { id, status: 'unfinished', params: {}, epochs: files.curve.length, ...files };
}

function trialFiles(dir: string, folder: string | undefined): Pick<Trial, 'folder' | 'curve' | 'hasReport'> {
  if (!folder) return { curve: [], hasReport: false };
  return { folder, curve: readEpochs(join(dir, folder, 'metrics.csv')).epochs, hasReport: existsSync(join(dir, folder, 'report.html')) };
}
