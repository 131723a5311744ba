// A sweep from start (a file) or from where it stopped (a folder, --resume) to its last trial: folder, lock,
// journal, then the scheduler. What the CLI and the tests call.
import { join, resolve } from 'node:path';
import { refreshReport } from '../report/refresh.ts';
import { formatIssue, loadSpec, primaryMetric, type LoadedSpec, type SweepSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { createSweepFolder, EXPERIMENT_FILE, openSweepFolder } from './folder.ts';
import { gridCount } from './grid.ts';
import { Journal } from './journal.ts';
import { SweepLock } from './lock.ts';
import { SweepLog } from './log.ts';
import { writeSweepYaml } from '../results/sweep-yaml.ts';
import { BUDGET_FIELDS, differences, resumedBudget } from './resume-budget.ts';
import { Scheduler, type SweepResult } from './scheduler.ts';
import { TrialsCsv } from '../results/trials-csv.ts';
import { checkParameterValues } from './values-check.ts';
import { warmStartTrials } from './warm-start.ts';
import { createSweepView, type SweepView } from './view.ts';
import { resolveWorkers, threadOverrides } from './workers.ts';

export interface SweepOptions {
  /** The sweep file; with `resume`, only checked to be the sweep the folder holds. */
  file?: string;
  /** The sweep file as the caller loaded it already (`tfyaml run` loads it to see the sweep block), instead of `file`. */
  loaded?: LoadedSpec;
  /** A sweep folder to continue. */
  resume?: string;
  /** With `resume`: the trial budget to raise the sweep to (resume-budget.ts). */
  trials?: number;
  /** `--set` arguments (a new sweep only). */
  overrides?: string[];
  /** Results root: a new sweep goes to `<out>/<name>/<sweep id>/`. */
  out?: string;
  view?: SweepView;
  /** Ctrl-C: start no more trials, end the running ones (they run again on --resume). */
  signal?: AbortSignal;
  /** A second Ctrl-C: SIGKILL the trial processes. */
  kill?: AbortSignal;
}

export interface SweepOutcome {
  dir: string;
  result: SweepResult;
  seconds: number;
  metric: string;
  log: SweepLog;
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const view = options.view ?? createSweepView();
  if (options.trials !== undefined && options.resume === undefined) {
    throw new RunError(
      '--trials raises the budget of a sweep being resumed',
      'for a new sweep, set sweep.trials in the file (or --set sweep.trials=40)',
    );
  }
  const { dir, loaded, resumed, given } =
    options.resume !== undefined
      ? resume(options.resume, options.file, options.overrides ?? [])
      : {
          ...start(options.loaded ?? options.file, options.overrides ?? [], options.out ?? 'results'),
          given: undefined,
        };
  for (const warning of loaded.warnings) view.event(`⚠ ${formatIssue(warning)}`);
  const lock = SweepLock.acquire(dir);
  const release = () => lock.release();
  process.on('exit', release); // also when a second Ctrl-C exits at once
  try {
    return await runInFolder(dir, loaded, resumed ? { given } : undefined, view, options);
  } finally {
    release();
    process.off('exit', release);
  }
}

function start(
  spec: string | LoadedSpec | undefined,
  overrides: string[],
  out: string,
): { dir: string; loaded: LoadedSpec; resumed: false } {
  if (spec === undefined)
    throw new RunError('give a sweep file, or --resume <sweep folder>', 'tfyaml sweep experiments/cifar-sweep.yaml');
  const loaded = typeof spec === 'string' ? loadSpec(spec, { overrides }) : spec;
  const { file } = loaded;
  if (!loaded.spec.sweep)
    throw new RunError(
      `${file} has no sweep: block`,
      `add one to sweep over values, or train it once with tfyaml run ${file}`,
    );
  checkParameterValues(loaded);
  const { sweep } = loaded.spec;
  // Absolute in sweep.yaml, so --resume from another directory finds it; checked before the folder is made.
  if (sweep.warmStart !== undefined) sweep.warmStart = resolve(sweep.warmStart);
  warmStartTrials(sweep);
  const workers = resolveWorkers(loaded.spec.sweep, totalOf(loaded));
  return { dir: createSweepFolder(loaded, out, threadOverrides(loaded.spec, workers)), loaded, resumed: false };
}

function resume(
  dir: string,
  file: string | undefined,
  overrides: string[],
): { dir: string; loaded: LoadedSpec; resumed: true; given?: LoadedSpec } {
  if (overrides.length > 0) {
    throw new RunError(
      '--resume continues a sweep as it started; --set and --backend cannot change it',
      `drop them, or start a new sweep with tfyaml sweep ${file ?? '<file>'} --set …`,
    );
  }
  const loaded = openSweepFolder(dir);
  const given = file === undefined ? undefined : loadSpec(file);
  if (given && given.spec.name !== loaded.spec.name) {
    throw new RunError(
      `${dir} holds a sweep of "${loaded.spec.name}", not of ${file}`,
      `resume it with tfyaml sweep --resume ${dir}`,
    );
  }
  return { dir, loaded, resumed: true, ...(given ? { given } : {}) };
}

function totalOf(loaded: LoadedSpec): number {
  const sweep = loaded.spec.sweep!;
  return sweep.method === 'grid' ? gridCount(sweep.parameters) : sweep.trials!;
}

/** A resume that changes the budget rewrites sweep.yaml, so the next resume and the report see the new one. */
function applyResumedBudget(
  dir: string,
  loaded: LoadedSpec,
  given: LoadedSpec | undefined,
  trials: number | undefined,
  recorded: number,
  log: SweepLog,
): void {
  const sweep = loaded.spec.sweep!;
  const budget = resumedBudget(
    { spec: loaded.spec, sweep },
    given && { spec: given.spec, sweep: given.spec.sweep! },
    trials,
    recorded,
  );
  const changed = differences(pickBudget(sweep), budget);
  if (changed.length === 0) return;
  for (const field of BUDGET_FIELDS) delete sweep[field];
  Object.assign(sweep, Object.fromEntries(Object.entries(budget).filter(([, v]) => v !== undefined)));
  writeSweepYaml(dir, loaded);
  log.write(`budget changed on --resume: ${changed.join(', ')}`);
}

const pickBudget = (sweep: SweepSpec) => Object.fromEntries(BUDGET_FIELDS.map((f) => [f, sweep[f]]));

/** report.html of the sweep: refreshed as trials are recorded (at most every 10 s: it takes ~0.5 s), and at the end. */
function sweepReport(dir: string, warn: (message: string) => void): { soon: () => void; now: () => Promise<void> } {
  let last = 0;
  const now = async () => {
    last = Date.now();
    await refreshReport(dir, warn);
  };
  return {
    soon: () => {
      if (Date.now() - last > 10_000) void now();
    },
    now,
  };
}

/** `resumed`: set when continuing a sweep, with the sweep file given beside --resume, if any. */
async function runInFolder(
  dir: string,
  loaded: LoadedSpec,
  resumed: { given: LoadedSpec | undefined } | undefined,
  view: SweepView,
  options: SweepOptions,
): Promise<SweepOutcome> {
  const log = new SweepLog(join(dir, 'sweep.log'));
  const journal = new Journal(join(dir, 'journal.jsonl'));
  const recovered = journal.recover();
  if (resumed) applyResumedBudget(dir, loaded, resumed.given, options.trials, recovered.ended.length, log);
  const sweep = loaded.spec.sweep!;
  // Rewritten from the journal: a crash between a journal line and its trials.csv row cannot duplicate or lose it.
  const csv = TrialsCsv.forSweep(join(dir, 'trials.csv'), sweep);
  const report = sweepReport(dir, (warning) => log.write(warning));
  csv.rewrite(recovered.ended);
  const workers = resolveWorkers(sweep, totalOf(loaded));
  const constraints = sweep.constraints?.length
    ? await (await import('./constraints.ts')).ConstraintCheck.of(sweep)
    : undefined;
  const scheduler = new Scheduler({
    dir,
    sweep,
    seed: sweep.seed ?? loaded.spec.seed,
    workers,
    experimentFile: join(dir, EXPERIMENT_FILE),
    journal,
    recovered,
    csv,
    view,
    log,
    signal: options.signal ?? new AbortController().signal,
    onRecorded: report.soon,
    ...(constraints ? { constraints } : {}),
    warm: warmStartTrials(sweep),
  });
  options.kill?.addEventListener('abort', () => scheduler.killAll(), { once: true });
  const rerun = [...recovered.started.keys()].filter((t) => !recovered.ended.some((r) => r.trial === t)).length;
  const opening =
    resumed !== undefined
      ? `Resuming sweep ${loaded.spec.name}: ${recovered.ended.length} of ${scheduler.total} trials recorded, ${rerun} to run again, ${workers} at a time: ${dir}`
      : `Sweep ${loaded.spec.name}: ${sweep.method}, ${scheduler.total} trials, ${workers} at a time: ${dir}`;
  view.event(opening);
  log.write(opening);
  const startedAt = Date.now();
  let result: SweepResult;
  try {
    result = await scheduler.run();
  } finally {
    view.close();
  }
  await report.now();
  return { dir, result, seconds: (Date.now() - startedAt) / 1000, metric: primaryMetric(sweep).name, log };
}
