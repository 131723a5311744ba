// Runs a sweep's trials, `workers` processes at a time: draws each trial's parameters, answers each epoch with the
// pruner's decision, and records every trial as it ends (journal, trials.csv, best.json). Trials started but not
// ended (a crash, Ctrl-C) run again first; then new ones until the budget is spent. A full or failing disk stops
// the sweep like Ctrl-C does, then fails it with one line: a trial that could not write is not recorded, so
// --resume runs it again instead of counting it as failed. budget.ts's limits end it early too: the time budget
// like Ctrl-C, a run of failures by starting nothing more; a trial past its timeout is stopped and recorded.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { primaryMetric, type SweepSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { asDiskError } from '../results/disk-error.ts';
import { readMetricsCsv } from '../results/metrics-csv.ts';
import { hasResumeState } from '../results/resume-state-check.ts';
import type { TrialRecord, TrialsCsv } from '../results/trials-csv.ts';
import { failureStop, limitsOf, shouldRetry, timeBudgetLine, timeoutLine, type SweepLimits } from './budget.ts';
import { rankingOf, writeRanking, type Ranking } from './best.ts';
import type { ConstraintCheck } from './constraints.ts';
import type { Journal, JournalState } from './journal.ts';
import type { SweepLog } from './log.ts';
import { recordOf, writeInfeasibleTrial } from './outcome.ts';
import { createPruner, type Decision, type Pruner } from './pruner.ts';
import { observationsOf, trialFolder } from './record.ts';
import { createSampler, type Sampler } from './sampler.ts';
import { toOverrides, type Params } from './space.ts';
import { describeParams, statusOf } from './status.ts';
import { TrialProcess } from './trial-process.ts';
import type { RunningTrial, SweepView } from './view.ts';

export interface SweepSetup {
  dir: string;
  sweep: SweepSpec;
  /** The sweep's seed: sweep.seed, else the experiment's. */
  seed: number;
  workers: number;
  /** experiment.yaml in the sweep folder: what each trial runs. */
  experimentFile: string;
  journal: Journal;
  /** What the journal held when this process started (empty for a new sweep). */
  recovered: JournalState;
  csv: TrialsCsv;
  view: SweepView;
  log: SweepLog;
  /** Aborted on Ctrl-C: start nothing more, end the running trials (they run again on --resume). */
  signal: AbortSignal;
  /** sweep.warmStart's recorded trials: the sampler sees them as finished before this sweep's own. */
  warm?: readonly TrialRecord[];
  /** sweep.constraints, for a sweep that has them. */
  constraints?: ConstraintCheck;
  /** Called after each trial is recorded (the sweep refreshes its report.html). */
  onRecorded?: () => void;
}

export interface SweepResult {
  total: number;
  records: TrialRecord[];
  /** The best trial of a single-metric sweep. */
  best?: TrialRecord;
  /** The Pareto front of a multi-objective sweep. */
  front?: TrialRecord[];
  interrupted: boolean;
  /** Why it ended before every trial was recorded: budget.ts's line for the time budget or a run of failures. */
  stoppedEarly?: { reason: string; failures: boolean };
}

interface Running {
  child: TrialProcess;
  startedAt: number;
  view: RunningTrial;
  timedOut?: string;
}

export class Scheduler {
  private readonly sampler: Sampler;
  private readonly pruner: Pruner;
  private readonly records: TrialRecord[];
  private readonly reruns: [number, Params][];
  private readonly running = new Map<number, Running>();
  private readonly pruneReasons = new Map<number, string>();
  /** Every trial started, with its parameters: the running ones are TPE's constant liars, and none is drawn again. */
  private readonly started: Map<number, Params>;
  private next: number;
  /** Why the sweep is stopping (the disk), once it is. */
  private failure: RunError | undefined;
  private readonly limits: SweepLimits;
  /** Runs of each trial so far in this process, for retries. */
  private readonly attempts = new Map<number, number>();
  /** Trials an earlier process started and never recorded: their rerun is at least their second attempt. */
  private readonly interrupted: Set<number>;
  /** Set once a limit ends the sweep: no trial starts after it. */
  private stoppedEarly: SweepResult['stoppedEarly'];
  /** The time budget ran out: the running trials were stopped and run again on --resume. */
  private outOfTime = false;

  constructor(private readonly setup: SweepSetup) {
    const { sweep, recovered } = setup;
    this.sampler = createSampler(sweep, setup.seed);
    this.limits = limitsOf(sweep);
    this.pruner = createPruner(sweep.earlyTerminate, primaryMetric(sweep).goal);
    this.records = [...recovered.ended];
    const ended = new Set(this.records.map((r) => r.trial));
    this.reruns = [...recovered.started].filter(([trial]) => !ended.has(trial)).sort(([a], [b]) => a - b);
    this.interrupted = new Set(this.reruns.map(([trial]) => trial));
    this.next = Math.max(0, ...recovered.started.keys()) + 1;
    this.started = new Map(recovered.started);
    if (this.sampler.note) setup.log.write(`note: ${this.sampler.note}`);
    this.replayIntoPruner();
    setup.log.onFailure((error) => this.stop(error));
  }

  get total(): number {
    return this.sampler.total;
  }

  /**
   * Resolves once every trial is recorded, or, after Ctrl-C, once the running ones have ended. Rejects with a
   * RunError once the running ones have ended after the disk failed, or at once on a bug.
   */
  run(): Promise<SweepResult> {
    return new Promise((resolve, reject) => {
      const { signal } = this.setup;
      signal.addEventListener(
        'abort',
        () => {
          for (const r of this.running.values()) r.child.stop();
        },
        { once: true },
      );
      const clock =
        this.limits.timeSeconds === undefined
          ? undefined
          : setTimeout(() => this.endTime(this.limits.timeSeconds!), this.limits.timeSeconds * 1000);
      // Writing the journal, trials.csv, best.json or a failed trial's summary.json: the disk stops the sweep; any
      // other error is a bug, which ends it at once.
      const stopOnDisk = (error: unknown) => {
        if (!this.stopForDisk(error)) throw error;
      };
      const fill = () => {
        try {
          while (!signal.aborted && !this.failure && !this.stoppedEarly && this.running.size < this.setup.workers) {
            const job = this.reruns.shift() ?? this.newTrial();
            if (!job) break;
            this.start(...job)
              .catch(stopOnDisk)
              .then(fill, reject);
          }
        } catch (error) {
          if (!this.stopForDisk(error)) return reject(error);
        }
        this.showStatus();
        if (this.running.size > 0) return;
        clearTimeout(clock);
        if (this.failure) reject(this.failure);
        else {
          resolve({
            total: this.total,
            records: this.records,
            ...rankingOf(this.records, this.setup.sweep),
            interrupted: signal.aborted,
            ...(this.stoppedEarly ? { stoppedEarly: this.stoppedEarly } : {}),
          });
        }
      };
      fill();
    });
  }

  /** Stops the sweep when `error` is the disk's; false for anything else (a bug). */
  private stopForDisk(error: unknown): boolean {
    const disk = asDiskError(error, this.setup.dir);
    if (disk) this.stop(disk);
    return disk !== undefined;
  }

  /** The disk is full or failing: start nothing more and end the running trials (they run again on --resume). */
  private stop(cause: Error): void {
    if (this.failure) return;
    this.failure = new RunError(
      `the sweep stopped: ${cause.message.split('\n')[0]}`,
      `free some space (or move the sweep folder to a disk that has it), then continue with tfyaml sweep --resume ${this.setup.dir}`,
      { cause },
    );
    for (const r of this.running.values()) r.child.stop();
  }

  /** The time budget is spent: start nothing more and end the running trials, which run again on --resume. */
  private endTime(seconds: number): void {
    if (this.stoppedEarly || this.setup.signal.aborted || this.failure) return;
    this.stoppedEarly = { reason: timeBudgetLine(seconds), failures: false };
    this.outOfTime = true;
    this.setup.log.write(
      `${this.stoppedEarly.reason}: no more trials start, the running ones stop and run again on --resume`,
    );
    for (const r of this.running.values()) r.child.stop();
  }

  /** Second Ctrl-C: SIGKILL every trial process, in case one ignored the first. */
  killAll(): void {
    for (const r of this.running.values()) r.child.kill();
  }

  private newTrial(): [number, Params] | undefined {
    if (this.next > this.total) return undefined;
    const trial = this.next++;
    const finished = observationsOf([...(this.setup.warm ?? []), ...this.records], this.setup.sweep);
    const recorded = new Set(this.records.map((r) => r.trial));
    const running = [...this.started].filter(([t]) => !recorded.has(t)).map(([, p]) => p);
    // sweep.enqueue: the first trials run the configurations the user asked for; the sampler then avoids them.
    const params = this.setup.sweep.enqueue?.[trial - 1] ?? this.sampler.suggest(trial, finished, running);
    this.started.set(trial, params);
    this.setup.journal.start(trial, params);
    return [trial, params];
  }

  private async start(trial: number, params: Params): Promise<void> {
    const { dir, view, log } = this.setup;
    if (this.infeasible(trial, params)) return;
    const runDir = join(dir, trialFolder(trial));
    // An interrupted attempt that finished an epoch goes on from there; one that did not starts again.
    const resume = hasResumeState(runDir);
    if (!resume) rmSync(runDir, { recursive: true, force: true });
    const state: RunningTrial = {
      trial,
      label: describeParams(params, true),
      epoch: 0,
      epochs: 0,
      batch: 0,
      batches: 0,
    };
    const child = new TrialProcess(
      { file: this.setup.experimentFile, overrides: toOverrides(params), runDir, resume },
      {
        epochStart: (epoch, epochs, batches) => Object.assign(state, { epoch, epochs, batches, batch: 0 }),
        batch: (done) => {
          state.batch = done;
          this.showStatus();
        },
        line: (text) => log.write(`[trial ${trial}] ${text}`),
        epoch: (row) => this.decide(trial, state, row),
      },
    );
    const running: Running = { child, startedAt: Date.now(), view: state };
    this.running.set(trial, running);
    this.attempts.set(trial, (this.attempts.get(trial) ?? 0) + 1);
    const { trialSeconds } = this.limits;
    const timer =
      trialSeconds === undefined
        ? undefined
        : setTimeout(() => {
            running.timedOut = timeoutLine(trialSeconds);
            child.stop();
            setTimeout(() => child.kill(), 10_000).unref(); // one that ignores SIGTERM
          }, trialSeconds * 1000);
    const started = `trial ${trial} ${resume ? 'resumed from its last finished epoch' : 'started'}: ${describeParams(params)}`;
    view.event(started);
    log.write(`${started} (pid ${child.pid})`);
    const exit = await child.exited;
    clearTimeout(timer);
    const seconds = (Date.now() - running.startedAt) / 1000;
    this.running.delete(trial);
    if (exit.reported && exit.disk) {
      const text = `trial ${trial} could not write its results; it runs again on --resume`;
      view.event(text);
      log.write(`${text}\n${exit.error ?? ''}`);
      this.stop(new Error(exit.error ?? 'the disk is full'));
      return;
    }
    const stopping = this.setup.signal.aborted || this.failure !== undefined || this.outOfTime;
    const timedOut = running.timedOut === undefined ? {} : { timedOut: running.timedOut };
    const ran = recordOf({ trial, params, dir: runDir, exit, seconds, ...timedOut }, this.setup.sweep, stopping);
    const late = ran && ran.status !== 'failed' ? this.setup.constraints?.after(ran) : undefined;
    const record = ran && late ? { ...ran, status: 'infeasible' as const, error: late } : ran;
    if (record && !stopping && !this.stoppedEarly && shouldRetry(record, this.attempts.get(trial)!, this.limits)) {
      return this.retry(trial, params, record);
    }
    this.record(record, trial);
  }

  /** A trial whose model breaks a params constraint is recorded infeasible at once, without a process; its folder
   * gets its spec.yaml and a summary.json that says why. */
  private infeasible(trial: number, params: Params): boolean {
    const startedAt = Date.now();
    const infeasible = this.setup.constraints?.before(this.setup.experimentFile, toOverrides(params));
    if (infeasible === undefined) return false;
    const { why, specText } = infeasible;
    const record: TrialRecord = {
      trial,
      status: 'infeasible',
      params,
      epochs: 0,
      seconds: (Date.now() - startedAt) / 1000,
      error: why,
      paramCount: infeasible.params,
    };
    writeInfeasibleTrial(join(this.setup.dir, trialFolder(trial)), record, specText);
    this.attempts.set(trial, 1);
    this.record(record, trial);
    return true;
  }

  /** A crashed trial runs again, first, with the same parameters; the failed attempt is only logged. */
  private retry(trial: number, params: Params, record: TrialRecord): void {
    const text =
      `trial ${trial} failed (${record.error?.split('\n')[0] ?? 'no message'}); ` +
      `retry ${this.attempts.get(trial)} of ${this.limits.retries}`;
    this.setup.view.event(text);
    this.setup.log.write(record.error?.includes('\n') ? `${text}\n${record.error}` : text);
    this.reruns.unshift([trial, params]);
  }

  private decide(trial: number, state: RunningTrial, row: Record<string, number | undefined>): Decision {
    const metric = primaryMetric(this.setup.sweep);
    const epoch = row['epoch']!;
    const value = row[metric.name] ?? Number.NaN;
    const decision = this.pruner.report(trial, epoch, value);
    const text = `trial ${trial} epoch ${epoch}/${state.epochs}: ${metric.name} ${value.toFixed(4)}`;
    this.setup.view.detail(text);
    this.setup.log.write(text);
    // Stopping at the last epoch saves nothing and would hide a finished trial behind "pruned".
    if (!decision.prune || epoch >= state.epochs) return { prune: false };
    this.pruneReasons.set(trial, decision.reason ?? 'pruned');
    return decision;
  }

  private record(record: TrialRecord | undefined, trial: number): void {
    const { journal, csv, view, log, sweep, dir } = this.setup;
    if (!record) {
      const by = this.failure ? '' : this.outOfTime ? ' at the end of the time budget' : ' by Ctrl-C';
      const text = `trial ${trial} stopped${by}; it runs again on --resume`;
      view.event(text);
      log.write(text);
      return;
    }
    record.attempt = (this.attempts.get(trial) ?? 1) + (this.interrupted.has(trial) ? 1 : 0);
    journal.end(record);
    csv.append(record);
    this.records.push(record);
    const ranking = writeRanking(dir, this.records, sweep);
    const text = endLine(
      record,
      primaryMetric(sweep).name,
      rankMark(record, ranking),
      this.pruneReasons.get(record.trial),
    );
    view.event(text);
    log.write(record.error && record.error.includes('\n') ? `${text}\n${record.error}` : text);
    this.stopAfterFailures();
    this.setup.onRecorded?.();
  }

  /** maxConsecutiveFailures: a broken sweep starts nothing more; the running trials end and are recorded. */
  private stopAfterFailures(): void {
    const reason = this.stoppedEarly ? undefined : failureStop(this.records, this.limits);
    if (!reason) return;
    this.stoppedEarly = { reason, failures: true };
    this.setup.view.event(`Stopping early: ${reason}`);
    this.setup.log.write(`stopping early: ${reason}`);
  }

  private showStatus(): void {
    const running = [...this.running.values()];
    this.setup.view.status(
      statusOf({
        total: this.total,
        records: this.records,
        sweep: this.setup.sweep,
        workers: this.setup.workers,
        running: running.map((r) => ({ ...r.view, elapsedSeconds: (Date.now() - r.startedAt) / 1000 })),
      }),
    );
  }

  /** A resumed sweep's pruner knows what the recorded trials reported at each epoch, as if it had never stopped. */
  private replayIntoPruner(): void {
    const metric = primaryMetric(this.setup.sweep);
    for (const record of this.records) {
      for (const row of readMetricsCsv(join(this.setup.dir, trialFolder(record.trial), 'metrics.csv')).epochs) {
        this.pruner.report(record.trial, row['epoch']!, row[metric.name] ?? Number.NaN);
      }
    }
  }
}

/** ` (best so far)`, or ` (on the Pareto front)` for a multi-objective sweep. */
function rankMark(record: TrialRecord, ranking: Ranking): string {
  if (ranking.front) return ranking.front.includes(record) ? ' (on the Pareto front)' : '';
  return ranking.best === record ? ' (best so far)' : '';
}

function endLine(r: TrialRecord, metric: string, mark: string, pruneReason: string | undefined): string {
  const value = r.value === undefined ? '' : `: ${metric} ${r.value.toFixed(4)} at epoch ${r.bestEpoch}`;
  const why = r.error ?? (r.status === 'pruned' ? pruneReason : undefined);
  const error = why ? ` (${why.split('\n')[0]})` : '';
  const sign = { completed: '✔', pruned: '✂', failed: '✖', diverged: '✖', timeout: '⏱', infeasible: '⊘' }[r.status];
  return `${sign} trial ${r.trial} ${r.status} after ${r.epochs} epoch${r.epochs === 1 ? '' : 's'}, ${r.seconds.toFixed(1)} s${value}${error}${mark}`;
}
