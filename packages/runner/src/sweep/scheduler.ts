// Runs a sweep's trials, `workers` processes at a time: draws each trial's parameters, answers each epoch with the
// pruner's decision, and records every trial as it ends (journal, trials.csv, best.json). Trials started but not
// ended (a crash, Ctrl-C) run again first; then new ones until the budget is spent. A full or failing disk stops
// the sweep like Ctrl-C does, then fails it with one line: a trial that could not write is not recorded, so
// --resume runs it again instead of counting it as failed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { asDiskError } from '../results/disk-error.ts';
import { readMetricsCsv } from '../results/metrics-csv.ts';
import { hasResumeState } from '../results/resume-state-check.ts';
import type { TrialRecord, TrialsCsv } from '../results/trials-csv.ts';
import { writeBest } from './best.ts';
import type { Journal, JournalState } from './journal.ts';
import type { SweepLog } from './log.ts';
import { recordOf } from './outcome.ts';
import { createPruner, type Decision, type Pruner } from './pruner.ts';
import { bestOf, observationOf, trialFolder } from './record.ts';
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
  /** Called after each trial is recorded (the sweep refreshes its report.html). */
  onRecorded?: () => void;
}

export interface SweepResult { total: number; records: TrialRecord[]; best?: TrialRecord; interrupted: boolean }

interface Running { child: TrialProcess; startedAt: number; view: RunningTrial }

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

  constructor(private readonly setup: SweepSetup) {
    const { sweep, recovered } = setup;
    this.sampler = createSampler(sweep, setup.seed);
    this.pruner = createPruner(sweep.earlyTerminate, sweep.metric.goal);
    this.records = [...recovered.ended];
    const ended = new Set(this.records.map((r) => r.trial));
    this.reruns = [...recovered.started].filter(([trial]) => !ended.has(trial)).sort(([a], [b]) => a - b);
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
      signal.addEventListener('abort', () => { for (const r of this.running.values()) r.child.stop(); }, { once: true });
      // Writing the journal, trials.csv, best.json or a failed trial's summary.json: the disk stops the sweep; any
      // other error is a bug, which ends it at once.
      const stopOnDisk = (error: unknown) => {
        if (!this.stopForDisk(error)) throw error;
      };
      const fill = () => {
        try {
          while (!signal.aborted && !this.failure && this.running.size < this.setup.workers) {
            const job = this.reruns.shift() ?? this.newTrial();
            if (!job) break;
            this.start(...job).catch(stopOnDisk).then(fill, reject);
          }
        } catch (error) {
          if (!this.stopForDisk(error)) return reject(error);
        }
        this.showStatus();
        if (this.running.size > 0) return;
        if (this.failure) reject(this.failure);
        else resolve({ total: this.total, records: this.records, ...this.best(), interrupted: signal.aborted });
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
    this.failure = new RunError(`the sweep stopped: ${cause.message.split('\n')[0]}`,
      `free some space (or move the sweep folder to a disk that has it), then continue with tfyaml sweep --resume ${this.setup.dir}`, { cause });
    for (const r of this.running.values()) r.child.stop();
  }

  /** Second Ctrl-C: SIGKILL every trial process, in case one ignored the first. */
  killAll(): void {
    for (const r of this.running.values()) r.child.kill();
  }

  private newTrial(): [number, Params] | undefined {
    if (this.next > this.total) return undefined;
    const trial = this.next++;
    const finished = this.records.map((r) => observationOf(r, this.setup.sweep.metric.goal));
    const recorded = new Set(this.records.map((r) => r.trial));
    const running = [...this.started].filter(([t]) => !recorded.has(t)).map(([, p]) => p);
    const params = this.sampler.suggest(trial, finished, running);
    this.started.set(trial, params);
    this.setup.journal.start(trial, params);
    return [trial, params];
  }

  private async start(trial: number, params: Params): Promise<void> {
    const { dir, view, log } = this.setup;
    const runDir = join(dir, trialFolder(trial));
    // An interrupted attempt that finished an epoch goes on from there; one that did not starts again.
    const resume = hasResumeState(runDir);
    if (!resume) rmSync(runDir, { recursive: true, force: true });
    const state: RunningTrial = { trial, label: describeParams(params, true), epoch: 0, epochs: 0, batch: 0, batches: 0 };
    const child = new TrialProcess({ file: this.setup.experimentFile, overrides: toOverrides(params), runDir, resume }, {
      epochStart: (epoch, epochs, batches) => Object.assign(state, { epoch, epochs, batches, batch: 0 }),
      batch: (done) => { state.batch = done; this.showStatus(); },
      line: (text) => log.write(`[trial ${trial}] ${text}`),
      epoch: (row) => this.decide(trial, state, row),
    });
    this.running.set(trial, { child, startedAt: Date.now(), view: state });
    const started = `trial ${trial} ${resume ? 'resumed from its last finished epoch' : 'started'}: ${describeParams(params)}`;
    view.event(started);
    log.write(`${started} (pid ${child.pid})`);
    const exit = await child.exited;
    const seconds = (Date.now() - this.running.get(trial)!.startedAt) / 1000;
    this.running.delete(trial);
    if (exit.reported && exit.disk) {
      const text = `trial ${trial} could not write its results; it runs again on --resume`;
      view.event(text);
      log.write(`${text}\n${exit.error ?? ''}`);
      this.stop(new Error(exit.error ?? 'the disk is full'));
      return;
    }
    const stopping = this.setup.signal.aborted || this.failure !== undefined;
    this.record(recordOf({ trial, params, dir: runDir, exit, seconds }, this.setup.sweep.metric, stopping), trial);
  }

  private decide(trial: number, state: RunningTrial, row: Record<string, number | undefined>): Decision {
    const { metric } = this.setup.sweep;
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
      const text = `trial ${trial} stopped${this.failure ? '' : ' by Ctrl-C'}; it runs again on --resume`;
      view.event(text);
      log.write(text);
      return;
    }
    const before = bestOf(this.records, sweep.metric.goal);
    journal.end(record);
    csv.append(record);
    this.records.push(record);
    const best = bestOf(this.records, sweep.metric.goal);
    if (best && best !== before) writeBest(dir, best, sweep.metric);
    const text = endLine(record, sweep.metric.name, best === record, this.pruneReasons.get(record.trial));
    view.event(text);
    log.write(record.error && record.error.includes('\n') ? `${text}\n${record.error}` : text);
    this.setup.onRecorded?.();
  }

  private best(): { best?: TrialRecord } {
    const best = bestOf(this.records, this.setup.sweep.metric.goal);
    return best ? { best } : {};
  }

  private showStatus(): void {
    const running = [...this.running.values()];
    this.setup.view.status(statusOf({
      total: this.total, records: this.records, metric: this.setup.sweep.metric, workers: this.setup.workers,
      running: running.map((r) => ({ ...r.view, elapsedSeconds: (Date.now() - r.startedAt) / 1000 })),
    }));
  }

  /** A resumed sweep's pruner knows what the recorded trials reported at each epoch, as if it had never stopped. */
  private replayIntoPruner(): void {
    const { metric } = this.setup.sweep;
    for (const record of this.records) {
      for (const row of readMetricsCsv(join(this.setup.dir, trialFolder(record.trial), 'metrics.csv')).epochs) {
        this.pruner.report(record.trial, row['epoch']!, row[metric.name] ?? Number.NaN);
      }
    }
  }
}

function endLine(r: TrialRecord, metric: string, best: boolean, pruneReason: string | undefined): string {
  const value = r.value === undefined ? '' : `: ${metric} ${r.value.toFixed(4)} at epoch ${r.bestEpoch}`;
  const why = r.error ?? (r.status === 'pruned' ? pruneReason : undefined);
  const error = why ? ` (${why.split('\n')[0]})` : '';
  const mark = { completed: '✔', pruned: '✂', failed: '✖', diverged: '✖' }[r.status];
  return `${mark} trial ${r.trial} ${r.status} after ${r.epochs} epoch${r.epochs === 1 ? '' : 's'}, ${r.seconds.toFixed(1)} s${value}${error}${best ? ' (best so far)' : ''}`;
}
