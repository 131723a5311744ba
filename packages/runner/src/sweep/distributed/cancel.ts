// `tfyaml sweep cancel <id>`: no trial of the sweep starts again; running ones stop at their next epoch's end.
import { Queue } from 'bullmq';
import { withRedis } from './connection-watch.ts';
import { jobIdOf } from './enqueue.ts';
import { openSweep } from './open-sweep.ts';
import { QUEUE_NAME } from './store.ts';

/** How many queued trials were removed. */
export async function cancelSweep(url: string, id: string): Promise<number> {
  return withRedis(url, async (redis) => {
    const queue = new Queue(QUEUE_NAME, { connection: redis });
    queue.on('error', () => {}); // withRedis reports a lost or refused Redis
    try {
      const { store, meta } = await openSweep(redis, id, url);
      await store.finish('cancelled');
      let removed = 0;
      // A running (locked) job is not removed here; its worker sees the state at the next epoch and stops it.
      for (let trial = 1; trial <= meta.total; trial++) removed += await queue.remove(jobIdOf(id, trial));
      await store.log('cancel', `Sweep cancelled: ${removed} queued trials removed`);
      return removed;
    } finally {
      await queue.close();
    }
  });
}
