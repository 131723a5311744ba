// A sweep folder read back for its report: sweep.yaml (metric or metrics, goals, distributions), trials.csv (one row per
// finished trial), best.json, and each trial's own run folder under trials/. A sweep in progress is read as far as it
// got. A multi-objective sweep's front is ranked from trials.csv as the sweep ranks it (sweep/pareto.ts).
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RunError } from '../errors.ts';
import { readBestJson } from '../results/best-json.ts';
import { readMetricsCsv } from '../results/metrics-csv.ts';
import { readSweepYaml, SWEEP_FILE } from '../results/sweep-yaml.ts';
import { readTrialsCsv, type TrialRow } from '../results/trials-csv.ts';
import { paretoFront } from '../sweep/pareto.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import { paramAxis, paramValueOf, type ParamAxis, type ParamValue } from './param-axis.ts';

export type Goal = 'maximize' | 'minimize';

/** The per-trial columns of trials.csv and, with several metrics.csv objectives, each one's value. */
type TrialColumns = Pick<TrialRow, 'metrics' | 'paramCount' | 'inferenceMsPerSample' | 'peakRssMb' | 'attempt'>;

export interface Trial extends TrialColumns {
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
  /** The sweep metric; with several objectives, the first metrics.csv one (the per-epoch charts draw it). */
  metric: { name: string; goal: Goal };
  /** A multi-objective sweep's objectives, in order. */
  objectives?: { name: string; goal: Goal }[];
  /** A multi-objective sweep's Pareto front, by trial number. */
  frontIds?: number[];
  axes: ParamAxis[];
  trials: Trial[];
  bestId?: number;
}

export function isSweepFolder(dir: string): boolean {
  return [SWEEP_FILE, 'trials.csv'].some((file) => existsSync(join(dir, file)));
}

export function readSweep(dir: string): SweepData {
  if (!isSweepFolder(dir)) {
    throw new RunError(
      `${dir} is not a sweep folder (it has neither sweep.yaml nor trials.csv)`,
      'pass the folder the sweep printed when it started, e.g. tfyaml report results/cifar-sweep/20261126-083012',
    );
  }
  const doc = readSweepYaml(dir);
  const block = doc?.sweep ?? {};
  const best = readBestJson(dir);
  const objectives = objectivesOf(block.metrics ?? best?.metrics);
  const table = readTrialsCsv(
    join(dir, 'trials.csv'),
    objectives?.map((o) => o.name),
  );
  const metricName = block.metric?.name ?? best?.metric?.name ?? table?.metric ?? 'val_loss';
  const paths = table ? table.parameters : Object.keys(block.parameters ?? {});
  const folders = trialFolders(dir);
  const recorded = (table?.rows ?? []).map((row) => trialOf(row, dir, folders));
  const seen = new Set(recorded.map((t) => t.id));
  const unfinished = [...folders]
    .filter(([id]) => !seen.has(id))
    .map(([id, folder]) => unfinishedTrial(id, folder, dir));
  const trials = [...recorded, ...unfinished];
  const goal = goalOf(
    block.metric?.goal ?? best?.metric?.goal ?? objectives?.find((o) => o.name === metricName)?.goal,
    metricName,
  );
  const axes = paths.map((path) =>
    paramAxis(
      path,
      block.parameters?.[path],
      trials.flatMap((t) => (path in t.params ? [t.params[path]!] : [])),
    ),
  );
  const frontIds = objectives && paretoFront(recorded, objectives).map((t) => t.id);
  const bestId = frontIds
    ? undefined
    : best?.trial !== undefined && seen.has(best.trial)
      ? best.trial
      : ranked(trials, goal)[0]?.id;
  return {
    name: typeof doc?.name === 'string' ? doc.name : basename(join(dir, '..')),
    id: basename(dir),
    metric: { name: metricName, goal },
    ...(objectives && frontIds ? { objectives, frontIds } : {}),
    axes,
    trials,
    ...(doc ? { specText: doc.text } : {}),
    ...(block.method ? { method: block.method } : {}),
    ...(bestId !== undefined ? { bestId } : {}),
  };
}

/** Trials with a metric value, best first: completed before pruned (a pruned trial stopped early), then by value. */
export function ranked(trials: readonly Trial[], goal: Goal): Trial[] {
  const sign = goal === 'maximize' ? -1 : 1;
  const tier = (t: Trial) => (t.status === 'completed' ? 0 : 1);
  return trials
    .filter((t) => t.value !== undefined && t.status !== 'failed' && t.status !== 'diverged')
    .sort((a, b) => tier(a) - tier(b) || sign * (a.value! - b.value!));
}

/** sweep.metrics as sweep.yaml or best.json has it: two or more named objectives, else undefined. */
function objectivesOf(written: unknown): { name: string; goal: Goal }[] | undefined {
  if (!Array.isArray(written)) return undefined;
  const named = written.filter((m): m is { name: string; goal?: string } => typeof m?.name === 'string');
  return named.length > 1 ? named.map((m) => ({ name: m.name, goal: goalOf(m.goal, m.name) })) : undefined;
}

/** `maximize | minimize` as written, or W&B's and Keras' `max | min`; without one, a loss or error is minimized. */
export function goalOf(written: string | undefined, metric: string): Goal {
  if (written && /^max/i.test(written)) return 'maximize';
  if (written && /^min/i.test(written)) return 'minimize';
  return /loss|error|mse|mae/i.test(metric) ? 'minimize' : 'maximize';
}

/** trials/<n>/ by trial number: the sweep pads the number (`007`), so folders are matched by value, not name. */
function trialFolders(dir: string): Map<number, string> {
  const root = join(dir, 'trials');
  if (!existsSync(root)) return new Map();
  const entries = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && /^\d+$/.test(e.name));
  return new Map(entries.map((e) => [Number(e.name), `trials/${e.name}`]));
}

function trialOf(row: TrialRow, dir: string, folders: Map<number, string>): Trial {
  const { trial, params, ...fields } = row;
  return {
    ...fields,
    id: trial,
    params: Object.fromEntries(Object.entries(params).map(([p, v]) => [p, paramValueOf(v)])),
    ...trialFiles(dir, folders.get(trial)),
  };
}

function unfinishedTrial(id: number, folder: string, dir: string): Trial {
  const files = trialFiles(dir, folder);
  return { id, status: 'unfinished', params: {}, epochs: files.curve.length, ...files };
}

function trialFiles(dir: string, folder: string | undefined): Pick<Trial, 'folder' | 'curve' | 'hasReport'> {
  if (!folder) return { curve: [], hasReport: false };
  return {
    folder,
    curve: readMetricsCsv(join(dir, folder, 'metrics.csv')).epochs,
    hasReport: existsSync(join(dir, folder, 'report.html')),
  };
}
