// The CLI face of `tfyaml worker`: flags to options, Ctrl-C (and SIGTERM) hand the running trials back at once.
import { queueUrlOf } from '../sweep/distributed/connection.ts';
import { DEFAULT_REDIS_TIMEOUT_S } from '../sweep/distributed/connection-watch.ts';
import { runWorker } from '../sweep/distributed/worker.ts';
import { RunError } from '../errors.ts';
import { checkOutDir } from './out-dir.ts';

export interface WorkerFlags {
  slots: string;
  sweep?: string;
  untilEmpty?: boolean;
  out: string;
  artifacts?: string;
  lock: string;
  redisTimeout?: string;
  queue?: string;
}

export async function workerCommand(flags: WorkerFlags): Promise<number> {
  const slots = positiveNumber(flags.slots, '--slots', 'e.g. --slots 2: two trials at a time');
  const lockSeconds = positiveNumber(flags.lock, '--lock', 'seconds, e.g. --lock 30');
  const redisSeconds = positiveNumber(
    String(flags.redisTimeout ?? DEFAULT_REDIS_TIMEOUT_S),
    '--redis-timeout',
    'seconds, e.g. --redis-timeout 60 (or 60s)',
  );
  checkOutDir(flags.out);
  if (flags.artifacts !== undefined) checkOutDir(flags.artifacts);
  const stop = new AbortController();
  const onSignal = () => {
    if (!stop.signal.aborted) process.stderr.write('\nStopping: running trials go back to the queue now.\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runWorker({
      url: queueUrlOf(flags.queue),
      slots: Math.floor(slots),
      sweep: flags.sweep,
      untilEmpty: flags.untilEmpty === true,
      out: flags.out,
      artifacts: flags.artifacts,
      lockMs: Math.round(lockSeconds * 1000),
      redisTimeoutMs: Math.round(redisSeconds * 1000),
      signal: stop.signal,
      say: (text) => process.stderr.write(`${text}\n`),
    });
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A positive number, with an optional `s` (seconds) after it. */
function positiveNumber(text: string, flag: string, hint: string): number {
  const value = Number(String(text).replace(/(?<=\d)s$/, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new RunError(`${flag} must be a positive number, not "${text}"`, hint);
  return value;
}
