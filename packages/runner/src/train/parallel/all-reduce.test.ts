import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ownedRange, SharedGradients, WorkerFailed } from './all-reduce.ts';

const reduce = suite('SharedGradients');

function publish(shared: SharedGradients, step: number, rank: number, values: number[]): void {
  shared.slot(step, rank).set(values);
  shared.publish(step, rank);
}

reduce('averages every worker’s gradients weighted by shard size', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 3));
  publish(shared, 1, 0, [1, 2, 3]);
  publish(shared, 1, 1, [4, 8, 12]);
  assert.equal([...shared.average(1, [3, 1])], [1.75, 3.5, 5.25]);
});

reduce('with an odd number of shards the last one is added on its own', () => {
  const shared = new SharedGradients(SharedGradients.allocate(3, 2));
  publish(shared, 1, 0, [3, 6]);
  publish(shared, 1, 1, [6, 0]);
  publish(shared, 1, 2, [0, 3]);
  assert.equal([...shared.average(1, [1, 1, 1])], [3, 3]);
});

reduce('averages only the range asked for', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 4));
  publish(shared, 1, 0, [1, 2, 3, 4]);
  publish(shared, 1, 1, [3, 4, 5, 6]);
  assert.equal([...shared.average(1, [1, 1], { start: 1, end: 3 })], [3, 4]);
});

reduce('an empty shard counts for nothing', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 2));
  publish(shared, 1, 0, [2, 4]);
  shared.publish(1, 1);
  assert.equal([...shared.average(1, [5, 0])], [2, 4]);
});

reduce('a step’s mean does not depend on what the buffer held before (a NaN last step stays there)', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 1));
  publish(shared, 1, 0, [Number.NaN]);
  publish(shared, 1, 1, [1]);
  assert.ok(Number.isNaN(shared.average(1, [1, 1])[0]!));
  publish(shared, 2, 0, [1]);
  publish(shared, 2, 1, [3]);
  assert.equal([...shared.average(2, [1, 1])], [2]);
});

reduce('consecutive steps write different slots, so a worker one step ahead overwrites nothing being read', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 1));
  publish(shared, 1, 0, [1]);
  publish(shared, 1, 1, [3]);
  publish(shared, 2, 0, [100]);
  assert.equal([...shared.average(1, [1, 1])], [2]);
});

reduce('the weights are handed back once every worker wrote its range', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 3));
  shared.weights.set([1, 2], 0);
  shared.publishWeights(1, 0);
  shared.weights.set([3], 2);
  shared.publishWeights(1, 1);
  assert.equal([...shared.awaitWeights(1)], [1, 2, 3]);
});

reduce('a failed worker wakes the others with an error instead of leaving them waiting', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 1));
  publish(shared, 1, 0, [1]);
  shared.abort();
  assert.throws(
    () => shared.average(1, [1, 1]),
    (error: unknown) => error instanceof WorkerFailed,
  );
  assert.throws(
    () => shared.awaitWeights(1),
    (error: unknown) => error instanceof WorkerFailed,
  );
});

reduce.run();

const ranges = suite('ownedRange');

ranges('splits the weights into contiguous ranges that cover each one once', () => {
  const parts = [0, 1, 2].map((rank) => ownedRange(10, 3, rank));
  assert.equal(parts, [
    { start: 0, end: 4 },
    { start: 4, end: 8 },
    { start: 8, end: 10 },
  ]);
  assert.equal(ownedRange(1, 2, 1), { start: 1, end: 1 }, 'fewer weights than workers leaves a worker nothing');
});

ranges.run();
