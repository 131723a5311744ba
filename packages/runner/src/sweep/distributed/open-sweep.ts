// A sweep's store and metadata by id, for the commands that read it (status, pull, cancel) and the follower.
import type { Redis } from 'ioredis';
import { RunError } from '../../errors.ts';
import { redact } from './connection.ts';
import { SweepStore, type SweepMeta } from './store.ts';

export async function openSweep(
  redis: Redis,
  id: string,
  url: string,
): Promise<{ store: SweepStore; meta: SweepMeta }> {
  const store = new SweepStore(redis, id);
  const meta = await store.meta();
  if (!meta)
    throw new RunError(
      `${redact(url)} holds no sweep ${id}`,
      'use the id tfyaml sweep --distributed printed (or check --queue / TFYAML_QUEUE)',
    );
  return { store, meta };
}
