// One trial on a worker: draw (or reuse) its parameters, run the ordinary trial process, answer its epochs from
// the shared pruner, and record how it ended, once. A trial's own failure (NaN, a bad value, a crash) is its
// result; a full disk is the machine's and throws, so BullMQ retries the trial elsewhere.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { primaryMetric } from '@tfyaml/spec-schema';
import { RunError } from '../../errors.ts';
import type { TrialRecord } from '../../results/trials-csv.ts';
import { recordOf } from '../outcome.ts';
import type { Decision } from '../pruner.ts';
import { trialFolder } from '../record.ts';
import { toOverrides } from '../space.ts';
import { describeParams } from '../status.ts';
import { TrialProcess } from '../trial-process.ts';
import { drawParams } from './draw.ts';
import type { PreparedSweep } from './prepare.ts';
import { decideFromReports, storedReport } from './shared-pruner.ts';
import type { RecordResult, RunningTrial, SweepStore } from './store.ts';

/** Redis slower than this at an epoch's end: the trial goes on (fail open); the report is sent on reconnection. */
const DECISION_TIMEOUT_MS = 2000;
const TRIAL_FILES = ['spec.yaml', 'metrics.csv', 'summary.json'];
const TRIAL_NICENESS = 5;

export interface TrialJobContext {
  prepared: PreparedSweep;
  store: SweepStore;
  trial: number;
  attempt: number;
  host: string;
  /** --artifacts: models are copied to <artifacts>/<name>/<sweep id>/trials/<n>/model. */
  artifacts?: string | undefined;
  /** The job's lock [key, token]: the record is written only while it is still this worker's. */
  lock: [string, string];
  /** Aborted on the worker's Ctrl-C: the trial is stopped and handed back to the queue. */
  signal: AbortSignal;
  /** The worker's running trial processes: this one is in it while it runs. */
  children: Set<TrialProcess>;
  say(text: string): void;
}

/** 'handed-back': stopped by Ctrl-C or a cancelled sweep, nothing recorded. */
export type TrialJobEnd = RecordResult | 'handed-back' | 'cancelled';

export async function runTrialJob(ctx: TrialJobContext): Promise<TrialJobEnd> {
  const { prepared, store, trial } = ctx;
  const sweep = prepared.loaded.spec.sweep!;
  const params = await store.paramsFor(trial, async () =>
    drawParams({
      sweep,
      sampler: prepared.sampler,
      trial,
      ...(sweep.method === 'tpe'
        ? { records: await store.records(), params: await store.allParams() }
        : { records: [], params: new Map() }),
    }),
  );
  const dir = join(prepared.dir, trialFolder(trial));
  rmSync(dir, { recursive: true, force: true }); // what an earlier attempt on this machine left
  const running: RunningTrial = {
    trial,
    host: ctx.host,
    attempt: ctx.attempt,
    epoch: 0,
    epochs: 0,
    startedAt: Date.now(),
  };
  await store.setRunning(running);
  await log(ctx, `trial ${trial} started on ${ctx.host} (attempt ${ctx.attempt}): ${describeParams(params, true)}`);
  let cancelled = false;
  const child = new TrialProcess(
    { file: prepared.experimentFile, overrides: [...prepared.threadOverrides(), ...toOverrides(params)], runDir: dir },
    {
      epochStart: (epoch, epochs) => {
        Object.assign(running, { epoch: epoch - 1, epochs });
        store.setRunning(running).catch(() => {}); // status only: a missed update is harmless
      },
      batch: () => {},
      line: () => {},
      epoch: async (row) => {
        running.epoch = row['epoch']!;
        const decision = await decide(ctx, row['epoch']!, row[primaryMetric(sweep).name] ?? Number.NaN, running.epochs);
        if (decision === 'cancelled') {
          cancelled = true;
          child.stop();
          return { prune: false };
        }
        return decision;
      },
    },
  );
  // The worker must keep renewing its job locks while the trial takes every core: training yields to it.
  if (child.pid !== undefined) setPriority(child.pid, TRIAL_NICENESS);
  const stop = () => child.stop();
  ctx.signal.addEventListener('abort', stop, { once: true });
  if (ctx.signal.aborted) stop(); // stopped while the trial was being set up
  ctx.children.add(child);
  const exit = await child.exited;
  ctx.children.delete(child);
  ctx.signal.removeEventListener('abort', stop);
  const seconds = (Date.now() - running.startedAt) / 1000;
  if (cancelled) return 'cancelled';
  if (ctx.signal.aborted) {
    await store.clearRunning(trial);
    return 'handed-back';
  }
  if (exit.reported && exit.disk)
    throw new RunError(`trial ${trial} on ${ctx.host}: ${exit.error ?? 'the disk is full'}`);
  const record = recordOf({ trial, params, dir, exit, seconds }, sweep, false)!;
  const model = saveModel(ctx, dir);
  const files = Object.fromEntries(
    TRIAL_FILES.filter((f) => existsSync(join(dir, f))).map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
  const result = await store.record({ record, attempt: ctx.attempt, host: ctx.host, model, files }, ctx.lock);
  if (result === 'recorded') await log(ctx, endLine(record, primaryMetric(sweep).name, ctx.attempt));
  return result;
}

function endLine(r: TrialRecord, metric: string, attempt: number): string {
  const value = r.value === undefined ? '' : `: ${metric} ${r.value.toFixed(4)} at epoch ${r.bestEpoch}`;
  const mark = { completed: '✔', pruned: '✂', failed: '✖', diverged: '✖', timeout: '⏱', infeasible: '⊘' }[r.status];
  return (
    `${mark} trial ${r.trial} ${r.status} after ${r.epochs} epoch${r.epochs === 1 ? '' : 's'}, ${r.seconds.toFixed(1)} s${value}` +
    `${attempt > 1 ? ` (attempt ${attempt})` : ''}${r.error ? ` (${r.error.split('\n')[0]})` : ''}`
  );
}

/** The shared pruner's answer, or 'cancelled'; going on when Redis does not answer in time. */
async function decide(
  ctx: TrialJobContext,
  epoch: number,
  value: number,
  epochs: number,
): Promise<Decision | 'cancelled'> {
  const { earlyTerminate } = ctx.prepared.loaded.spec.sweep!;
  const metric = primaryMetric(ctx.prepared.loaded.spec.sweep!);
  const asked = (async () => {
    if ((await ctx.store.state()) === 'cancelled') return 'cancelled' as const;
    if (!earlyTerminate) return { prune: false };
    const reports = await ctx.store.reportEpoch(storedReport(ctx.trial, epoch, value));
    return decideFromReports(earlyTerminate, metric.goal, reports);
  })();
  const timeout = new Promise<Decision>((resolve) =>
    setTimeout(() => resolve({ prune: false }), DECISION_TIMEOUT_MS).unref(),
  );
  const decision = await Promise.race([asked.catch((): Decision => ({ prune: false })), timeout]);
  // Stopping at the last epoch saves nothing and would hide a finished trial behind "pruned" (as locally).
  if (decision !== 'cancelled' && decision.prune && epoch >= epochs) return { prune: false };
  return decision;
}

/** Where the trial's model is: copied to --artifacts when given, else left in this worker's folder. */
function saveModel(ctx: TrialJobContext, dir: string): string {
  const model = join(dir, 'model');
  if (ctx.artifacts === undefined || !existsSync(model)) return `${ctx.host}:${model}`;
  const target = join(ctx.artifacts, ctx.prepared.meta.name, ctx.prepared.meta.id, trialFolder(ctx.trial), 'model');
  cpSync(model, target, { recursive: true });
  return target;
}

async function log(ctx: TrialJobContext, text: string): Promise<void> {
  ctx.say(text);
  await ctx.store.log(ctx.host, text);
}
