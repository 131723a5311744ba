// One queue, several sweeps, against a real redis-server: a worker waits for sweeps, runs two at once, and status
// and cancel read and end them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { cancelSweep } from './cancel.ts';
import { enqueueSweep } from './enqueue.ts';
import { pullSweep } from './pull.ts';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { sweepStatus } from './status.ts';
import { SweepStore } from './store.ts';
import { startWorker, sweepFile, waitFor } from './worker-process.testkit.ts';

const GRID = (rates: string) => `  method: grid
  metric: { name: val_accuracy, goal: maximize }
  parameters:
    training.optimizer.learningRate: { values: [${rates}] }
`;

const queue = suite('distributed sweep queue');
let server: RedisServer | undefined;

queue.before(async () => {
  server = await startRedisServer('distributed sweep queue');
});
queue.after(async () => {
  await server?.stop();
});

queue(
  'a worker started before any sweep waits, then runs two sweeps enqueued at once; status reports each',
  async () => {
    if (!server) return;
    const { dir, file } = sweepFile(GRID('0.01'));
    const early = startWorker(server.url, join(dir, 'early'), '--slots', '2');
    await waitFor(() => early.output().includes('Worker '), 60, 'the worker to start');
    const [first, second] = await Promise.all([
      enqueueSweep(loadSpec(file), server.url),
      enqueueSweep(loadSpec(file), server.url),
    ]);
    const redis = server.client();
    for (const meta of [first!, second!]) {
      await waitFor(
        async () => (await new SweepStore(redis, meta.id).state()) === 'done',
        150,
        `sweep ${meta.id} to end`,
      );
      assert.match(await sweepStatus(server.url, meta.id), `${meta.id}): done, 1/1 recorded (1 completed`);
    }
    early.child.kill('SIGINT');
    assert.is(await early.exited, 0, early.output());
  },
);

queue('a multi-objective sweep: status names the Pareto front, and pull writes it to best.json', async () => {
  if (!server) return;
  const { dir, file } = sweepFile(`  method: grid
  metrics:
    - { name: val_accuracy, goal: maximize }
    - { name: params, goal: minimize }
  parameters:
    model.layers[0].filters: { values: [1, 2] }
`);
  const meta = await enqueueSweep(loadSpec(file), server.url);
  const worker = startWorker(server.url, join(dir, 'pareto'), '--until-empty', '--sweep', meta.id);
  assert.is(await worker.exited, 0, worker.output());
  assert.match(await sweepStatus(server.url, meta.id), /\nPareto front: trials? [12](, 2)?\n?/);
  const pulled = await pullSweep(server.url, meta.id, join(dir, 'pulled'), () => {});
  const best = JSON.parse(readFileSync(join(pulled, 'best.json'), 'utf8')) as { front: { trial: number }[] };
  // One filter has fewer parameters: trial 1 is on the front whatever the accuracies.
  assert.ok(
    best.front.some((t) => t.trial === 1),
    JSON.stringify(best.front),
  );
});

queue('cancel removes the queued trials; a worker then finds nothing to run', async () => {
  if (!server) return;
  const { dir, file } = sweepFile(GRID('0.01, 0.02, 0.03'));
  const meta = await enqueueSweep(loadSpec(file), server.url);
  assert.is(await cancelSweep(server.url, meta.id), 3);
  const late = startWorker(server.url, join(dir, 'late'), '--until-empty', '--sweep', meta.id);
  assert.is(await late.exited, 0, late.output());
  const redis = server.client();
  const store = new SweepStore(redis, meta.id);
  assert.is(await store.state(), 'cancelled');
  assert.equal(await store.records(), []);
});

queue.run();
