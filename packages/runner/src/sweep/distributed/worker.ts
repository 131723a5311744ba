// `tfyaml worker`: a BullMQ Worker that runs sweep trials, --slots at a time, each in its own trial process (tfjs
// blocks the event loop while it computes, and BullMQ renews job locks from this one). Trials of a sweep this
// checkout refuses (other file, version or lockfile), or of another sweep than --sweep, go back to the queue.
// Without Redis the trials go on (their records wait for it) for --redis-timeout; then the worker stops them and fails.
import { hostname } from 'node:os';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { formatIssue } from '@tfyaml/spec-schema';
import { projectRoot } from './checkout.ts';
import type { TrialProcess } from '../trial-process.ts';
import { connect, redact } from './connection.ts';
import { registerSlots, slotsOnThisMachine } from './host-slots.ts';
import { watchConnection } from './connection-watch.ts';
import { jobIdOf, type TrialJob } from './enqueue.ts';
import { prepareSweep, type PreparedSweep } from './prepare.ts';
import { QUEUE_NAME, SweepStore } from './store.ts';
import { runTrialJob } from './trial-job.ts';

/** A job this worker will not run waits this long before any worker takes it again. */
const HAND_BACK_DELAY_MS = 1000;
/** A trial process stopped (SIGTERM) and still running this long is killed. */
const STOP_GRACE_MS = 10_000;

export interface WorkerOptions {
  url: string;
  slots: number;
  /** Only this sweep's trials. */
  sweep?: string | undefined;
  /** Exit once the queue holds nothing to run (and this worker runs nothing). */
  untilEmpty?: boolean;
  out: string;
  artifacts?: string | undefined;
  /** BullMQ's job lock: a worker silent this long (killed, stopped) loses its trials to others. */
  lockMs: number;
  /** Redis unreachable this long (or refusing the login): running trials stop and runWorker rejects (RunError). */
  redisTimeoutMs: number;
  /** Names this worker in status and the sweep log; default host name and process id. */
  host?: string;
  /** Aborted on Ctrl-C: running trials are stopped and handed back at once. */
  signal: AbortSignal;
  say(text: string): void;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const host = options.host ?? `${hostname()}#${process.pid}`;
  const redis = connect(options.url);
  const quiet = onceEvery(10_000, (error: Error) => options.say(`⚠ Redis: ${error.message}`));
  redis.on('error', quiet);
  const watch = watchConnection(redis, options.url, options.redisTimeoutMs);
  // Ctrl-C, or Redis lost for good: the running trials stop.
  const halt = new AbortController();
  options.signal.addEventListener('abort', () => halt.abort(), { once: true });
  const children = new Set<TrialProcess>();
  const prepared = new Map<string, Promise<PreparedSweep | { refusal: string }>>();
  const root = projectRoot();
  const prepare = (meta: Parameters<typeof prepareSweep>[0]) => {
    if (!prepared.has(meta.id))
      prepared.set(
        meta.id,
        Promise.resolve().then(() => prepareSweep(meta, root, options.out, () => slotsOnThisMachine(options.slots))),
      );
    return prepared.get(meta.id)!;
  };
  const stopping = halt.signal;
  let active = 0;

  const processor = async (job: Job<TrialJob>, token?: string): Promise<string> => {
    const { sweep, trial } = job.data;
    const handBack = async (): Promise<never> => {
      await job.moveToDelayed(Date.now() + (stopping.aborted ? 0 : HAND_BACK_DELAY_MS), token);
      throw new DelayedError();
    };
    if (stopping.aborted || (options.sweep !== undefined && sweep !== options.sweep)) return handBack();
    const store = new SweepStore(redis, sweep);
    const meta = await store.meta();
    if (!meta || (await store.state()) !== 'running' || (await store.isRecorded(trial))) return 'skipped';
    let ready: PreparedSweep | { refusal: string };
    try {
      ready = await prepare(meta);
    } catch (error) {
      ready = {
        refusal: `its spec is not valid here: ${(error as { issues?: unknown[] }).issues ? formatIssue((error as { issues: Parameters<typeof formatIssue>[0][] }).issues[0]!) : (error as Error).message}`,
      };
      prepared.set(meta.id, Promise.resolve(ready));
    }
    if ('refusal' in ready) {
      options.say(`refusing sweep ${sweep}: ${ready.refusal}`);
      await store.log(host, `${host} refuses sweep ${sweep}: ${ready.refusal}`);
      return handBack();
    }
    active++;
    try {
      const end = await runTrialJob({
        prepared: ready,
        store,
        trial,
        attempt: job.attemptsStarted,
        host,
        artifacts: options.artifacts,
        lock: [`${worker.toKey(job.id!)}:lock`, token ?? ''],
        signal: stopping,
        children,
        say: options.say,
      });
      if (end === 'handed-back') return handBack();
      if (end === 'lock-lost')
        await store.log(
          host,
          `trial ${trial}: late result from ${host} discarded (its lock expired; another worker ran it)`,
        );
      if (end === 'recorded') await finishIfComplete(store, meta.total, host);
      return end;
    } finally {
      active--;
    }
  };

  const unregisterSlots = registerSlots(options.slots);
  const worker = new Worker<TrialJob>(QUEUE_NAME, processor, {
    connection: redis,
    concurrency: options.slots,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 2,
    name: host,
  });
  worker.on('error', quiet);
  worker.on('failed', (job, error) => {
    if (job && !(error instanceof DelayedError) && job.attemptsMade >= (job.opts.attempts ?? 1))
      void recordLost(redis, job, error, host);
  });
  options.say(
    `Worker ${host}: ${options.slots} slot${options.slots === 1 ? '' : 's'} on ${redact(options.url)}${options.sweep ? `, sweep ${options.sweep} only` : ''}`,
  );
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  queue.on('error', quiet); // BullMQ prints a queue's errors with their stacks when nobody listens
  const done = new Promise<void>((resolve) => {
    stopping.addEventListener('abort', () => resolve(), { once: true });
    if (!options.untilEmpty) return;
    const poll = setInterval(() => {
      void isEmpty(queue, options.sweep).then(
        (empty) => {
          if (empty && active === 0) {
            clearInterval(poll);
            resolve();
          }
        },
        () => {},
      );
    }, 1000);
    stopping.addEventListener('abort', () => clearInterval(poll), { once: true });
  });
  try {
    await Promise.race([done, watch.lost]);
  } finally {
    halt.abort();
    await endTrials(children);
    // Handing the trials back takes Redis; without it they go back to the queue when their locks expire.
    if (watch.up()) await Promise.race([Promise.all([worker.close(), queue.close()]), watch.down()]);
    watch.stop();
    redis.disconnect();
    unregisterSlots();
  }
}

/** Waits for the stopped trial processes to end, killing those that outlast the grace period. */
async function endTrials(children: Set<TrialProcess>): Promise<void> {
  const all = [...children];
  const grace = setTimeout(() => all.forEach((child) => child.kill()), STOP_GRACE_MS);
  await Promise.all(all.map((child) => child.exited));
  clearTimeout(grace);
}

/** Nothing waiting, delayed or running for this worker (a delayed job may be a retry's backoff). */
async function isEmpty(queue: Queue, sweep: string | undefined): Promise<boolean> {
  const states = ['waiting', 'delayed', 'active', 'prioritized'] as const;
  if (sweep === undefined) {
    const counts = await queue.getJobCounts(...states);
    return Object.values(counts).every((n) => n === 0);
  }
  const jobs = (await queue.getJobs([...states])) as (Job<TrialJob> | undefined)[];
  return !jobs.some((job) => job?.data?.sweep === sweep);
}

/** A trial whose retries are spent (Redis, disk, killed workers): recorded as failed, `lost: …`, so the sweep ends. */
async function recordLost(
  redis: ReturnType<typeof connect>,
  job: Job<TrialJob>,
  error: Error,
  host: string,
): Promise<void> {
  const { sweep, trial } = job.data;
  const store = new SweepStore(redis, sweep);
  const meta = await store.meta();
  if (!meta) return;
  const params = (await store.allParams()).get(trial) ?? {};
  const record = {
    trial,
    status: 'failed' as const,
    params,
    epochs: 0,
    seconds: 0,
    error: `lost after ${job.attemptsStarted} attempts: ${error.message}`,
  };
  if ((await store.record({ record, attempt: job.attemptsStarted, host, model: '', files: {} })) === 'recorded') {
    await store.log(
      host,
      `✖ trial ${trial} lost after ${job.attemptsStarted} attempts (${jobIdOf(sweep, trial)}): ${error.message}`,
    );
    await finishIfComplete(store, meta.total, host);
  }
}

async function finishIfComplete(store: SweepStore, total: number, host: string): Promise<void> {
  if ((await store.records()).length < total) return;
  if (await store.finish('done')) await store.log(host, `Sweep done: ${total} trials recorded`);
}

function onceEvery<T>(ms: number, act: (value: T) => void): (value: T) => void {
  let last = 0;
  return (value) => {
    if (Date.now() - last < ms) return;
    last = Date.now();
    act(value);
  };
}
