// `tfyaml sweep <file> --distributed`: validate the sweep, store it in Redis and enqueue one BullMQ job per trial.
// Job ids are `<sweep id>-<trial>`, so enqueuing a trial twice adds nothing.
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { experimentWithoutSweep, formatResolvedSpec, type LoadedSpec } from '@tfyaml/spec-schema';
import { RunError } from '../../errors.ts';
import { runId } from '../../results/run-dir.ts';
import { createSampler } from '../sampler.ts';
import { checkParameterValues } from '../values-check.ts';
import { hashesOf, projectPath, projectRoot } from './checkout.ts';
import { withRedis } from './connection-watch.ts';
import { QUEUE_NAME, SweepStore, type SweepMeta } from './store.ts';

export interface TrialJob {
  sweep: string;
  trial: number;
}

export const jobIdOf = (sweep: string, trial: number): string => `${sweep}-${trial}`;

export async function enqueueSweep(loaded: LoadedSpec, url: string, root = projectRoot()): Promise<SweepMeta> {
  const sweep = loaded.spec.sweep;
  if (!sweep) throw new RunError(`${loaded.file} has no sweep: block`, `train it once with tfyaml run ${loaded.file}`);
  checkParameterValues(loaded);
  const file = projectPath(loaded.file, root);
  // A discrete space with fewer configurations than trials runs each once, as locally.
  const { total, note } = createSampler(sweep, sweep.seed ?? loaded.spec.seed);
  const id = `${loaded.spec.name}-${runId(new Date())}-${randomBytes(2).toString('hex')}`.toLowerCase();
  const meta: SweepMeta = {
    id,
    name: loaded.spec.name,
    spec: formatResolvedSpec(loaded),
    file,
    overrides: [...loaded.overrides],
    experiment: experimentWithoutSweep(loaded.file, loaded.overrides, loaded.spec),
    hashes: hashesOf(file, root),
    // Infrastructure failures (Redis, a full disk) of a trial are retried sweep.retries times, then recorded `lost`.
    total,
    retries: sweep.retries ?? 0,
    createdAt: new Date().toISOString(),
  };
  return withRedis(url, async (redis) => {
    const queue = new Queue<TrialJob, unknown, string>(QUEUE_NAME, { connection: redis });
    queue.on('error', () => {}); // withRedis reports a lost or refused Redis
    try {
      const store = new SweepStore(redis, id);
      if (!(await store.create(meta))) throw new RunError(`sweep id ${id} is taken`, 'enqueue the sweep again');
      await store.log(
        'enqueue',
        `Sweep ${meta.name} (${id}): ${sweep.method}, ${total} trials from ${file}${note ? ` (${note})` : ''}`,
      );
      await queue.addBulk(
        Array.from({ length: total }, (_, i) => ({
          name: id,
          data: { sweep: id, trial: i + 1 },
          opts: {
            jobId: jobIdOf(id, i + 1),
            attempts: meta.retries + 1,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: true,
            removeOnFail: { age: 7 * 24 * 3600 }, // a failed job is read back to record it `lost`
          },
        })),
      );
      return meta;
    } finally {
      await queue.close();
    }
  });
}
