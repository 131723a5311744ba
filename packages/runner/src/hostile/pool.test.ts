import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runPooled } from './pool.ts';

const pool = suite('runPooled');

pool('runs every item, never more than the limit at once, each result on its own promise', async () => {
  let running = 0;
  let most = 0;
  const results = runPooled([1, 2, 3, 4, 5], 2, async (n) => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setImmediate(resolve));
    running--;
    if (n === 4) throw new Error('four');
    return n * 10;
  });
  assert.equal(await Promise.allSettled(results), [
    { status: 'fulfilled', value: 10 },
    { status: 'fulfilled', value: 20 },
    { status: 'fulfilled', value: 30 },
    { status: 'rejected', reason: new Error('four') },
    { status: 'fulfilled', value: 50 },
  ]);
  assert.is(most, 2);
});

pool.run();
