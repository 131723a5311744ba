import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SharedGradients, WorkerFailed } from './all-reduce.ts';

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

reduce('an empty shard counts for nothing', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 2));
  publish(shared, 1, 0, [2, 4]);
  shared.publish(1, 1);
  assert.equal([...shared.average(1, [5, 0])], [2, 4]);
});

reduce('consecutive steps write different slots, so a worker one step ahead overwrites nothing being read', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 1));
  publish(shared, 1, 0, [1]);
  publish(shared, 1, 1, [3]);
  publish(shared, 2, 0, [100]);
  assert.equal([...shared.average(1, [1, 1])], [2]);
});

reduce('a failed worker wakes the others with an error instead of leaving them waiting', () => {
  const shared = new SharedGradients(SharedGradients.allocate(2, 1));
  publish(shared, 1, 0, [1]);
  shared.abort();
  assert.throws(() => shared.average(1, [1, 1]), (error: unknown) => error instanceof WorkerFailed);
});

reduce.run();
