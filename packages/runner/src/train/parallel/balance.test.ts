import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ShardBalancer } from './balance.ts';

const balance = suite('ShardBalancer');

balance('starts even, and every size sums to the batch', () => {
  const balancer = new ShardBalancer(2);
  assert.equal(balancer.sizes(32), [16, 16]);
  assert.is(
    balancer.sizes(33).reduce((a, b) => a + b),
    33,
  );
  assert.equal(
    new ShardBalancer(3).sizes(2),
    [1, 1, 0],
    'a batch smaller than the worker count leaves the last ones empty',
  );
});

balance('moves samples to the faster worker until both take equally long', () => {
  const balancer = new ShardBalancer(2);
  // Worker 1 is twice as slow per sample; both pay 3 ms per shard whatever its size.
  const took = (sizes: number[]) => [3 + sizes[0]! * 1, 3 + sizes[1]! * 2];
  let sizes = balancer.sizes(32);
  for (let step = 0; step < 60; step++) {
    balancer.record(sizes, took(sizes));
    sizes = balancer.sizes(32);
  }
  const [fast, slow] = took(sizes);
  assert.ok(sizes[0]! > sizes[1]!, `sizes ${sizes}`);
  assert.ok(Math.abs(fast! - slow!) <= 2, `times ${fast} vs ${slow} ms with sizes ${sizes}`);
});

balance('keeps one sample per worker however lopsided the timing', () => {
  const balancer = new ShardBalancer(2);
  for (let step = 0; step < 100; step++) balancer.record([16, 16], [1, 1000]);
  const sizes = balancer.sizes(32);
  assert.ok(sizes[1]! >= 1, `sizes ${sizes}`);
  assert.is(sizes[0]! + sizes[1]!, 32);
});

balance('ignores steps with an empty shard or no timing', () => {
  const balancer = new ShardBalancer(2);
  balancer.record([2, 0], [5, 0]);
  balancer.record([16, 16], [0, 10]);
  assert.equal(balancer.sizes(32), [16, 16]);
});

balance.run();
