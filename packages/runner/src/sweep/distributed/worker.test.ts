// Whole distributed sweeps against a real redis-server, with workers as separate processes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { readCsv } from '../../results/csv.ts';
import { createSampler } from '../sampler.ts';
import { enqueueSweep } from './enqueue.ts';
import { pullSweep } from './pull.ts';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { sweepStatus } from './status.ts';
import { SweepStore } from './store.ts';
import { REGRESSION, startWorker, sweepFile, waitFor } from './worker-process.testkit.ts';

const RANDOM = (trials: number) => `  method: random
  seed: 5
  trials: ${trials}
  metric: { name: val_accuracy, goal: maximize }
  parameters:
    training.optimizer.learningRate: { distribution: log_uniform, min: 0.001, max: 0.1 }
`;

const worker = suite('tfyaml worker');
let server: RedisServer | undefined;

worker.before(async () => {
  server = await startRedisServer('tfyaml worker');
});
worker.after(async () => {
  await server?.stop();
});

/** Recorded trials, each exactly once, as [trial, attempt]. */
async function recorded(store: SweepStore): Promise<[number, number][]> {
  const records = await store.records();
  const trials = records.map((r) => r.record.trial);
  assert.is(new Set(trials).size, trials.length, `a trial recorded twice: ${trials}`);
  return records.map((r) => [r.record.trial, r.attempt] as [number, number]).sort(([a], [b]) => a - b);
}

worker(
  "two workers share a sweep; every trial is recorded once with the local sampler's parameters; pull writes the folder",
  async () => {
    if (!server) return;
    const { dir, file } = sweepFile(RANDOM(4));
    const loaded = loadSpec(file);
    const meta = await enqueueSweep(loaded, server.url);
    const workers = ['a', 'b'].map((name) => startWorker(server!.url, join(dir, name), '--until-empty'));
    assert.equal(await Promise.all(workers.map((w) => w.exited)), [0, 0], workers.map((w) => w.output()).join('\n'));
    const redis = server.client();
    const store = new SweepStore(redis, meta.id);
    assert.is(await store.state(), 'done');
    assert.equal(
      (await recorded(store)).map(([t]) => t),
      [1, 2, 3, 4],
    );
    const sampler = createSampler(loaded.spec.sweep!, 5);
    for (const { record } of await store.records()) assert.equal(record.params, sampler.suggest(record.trial, []));
    assert.ok(new Set((await store.records()).map((r) => r.host)).size === 2, 'both workers ran trials');
    const pulled = await pullSweep(server.url, meta.id, join(dir, 'pulled'), () => {});
    const rows = readFileSync(join(pulled, 'trials.csv'), 'utf8').trim().split('\n');
    assert.is(rows.length, 5);
    for (const name of [
      'best.json',
      'report.html',
      'sweep.yaml',
      'trials/001/metrics.csv',
      'trials/004/summary.json',
    ]) {
      assert.ok(existsSync(join(pulled, name)), `${name} pulled`);
    }
  },
);

worker(
  'a worker SIGKILLed mid-trial: another reruns its TPE trial after the 5 s lock, with the stored sample; ' +
    'recorded once, attempt 2 in status and trials.csv',
  async () => {
    if (!server) return;
    // Trial 3 is TPE's first modelled draw: it depends on the trials before it, so a rerun must not draw again.
    const { dir, file } = sweepFile(RANDOM(4).replace('method: random', 'method: tpe'));
    const loaded = loadSpec(file);
    const meta = await enqueueSweep(loaded, server.url);
    const redis = server.client();
    const store = new SweepStore(redis, meta.id);
    const doomed = startWorker(server.url, join(dir, 'doomed'), '--lock', '5', '--slots', '2', '--sweep', meta.id);
    await waitFor(async () => (await store.running()).some((r) => r.trial === 3), 120, 'trial 3 to start');
    doomed.child.kill('SIGKILL');
    // What attempt 1 stored, replaced by a rate no draw gives: the rerun must train with it, not draw again.
    const sample = { 'training.optimizer.learningRate': 0.0123456 };
    await redis.hset(`tfyaml:${meta.id}:params`, '3', JSON.stringify(sample));
    const survivor = startWorker(
      server.url,
      join(dir, 'survivor'),
      ...['--lock', '5', '--slots', '2', '--until-empty', '--sweep', meta.id],
    );
    assert.is(await survivor.exited, 0, survivor.output());
    const trials = await recorded(store);
    assert.equal(
      trials.map(([t]) => t),
      [1, 2, 3, 4],
    );
    assert.is(trials[2]![1], 2, `attempts: ${JSON.stringify(trials)}`);
    const records = await store.records();
    assert.equal(records.find((r) => r.record.trial === 3)!.record.params, sample);
    assert.match(await sweepStatus(server.url, meta.id), /trial 3 recorded by attempt 2 on /);
    const pulled = await pullSweep(server.url, meta.id, join(dir, 'pulled'), () => {});
    assert.equal(
      readCsv(join(pulled, 'trials.csv'))!.rows.map((row) => [row['trial'], row['attempt']]),
      trials.map(([t, a]) => [String(t), String(a)]),
    );
  },
);

worker(
  'Redis restarted mid-sweep (AOF on): the worker reconnects and the sweep completes, every trial recorded once',
  async () => {
    if (!server) return;
    const { dir, file } = sweepFile(RANDOM(3));
    const meta = await enqueueSweep(loadSpec(file), server.url);
    const redis = server.client();
    redis.on('error', () => {});
    const store = new SweepStore(redis, meta.id);
    const steady = startWorker(server.url, join(dir, 'steady'), '--lock', '5', '--until-empty');
    await waitFor(async () => (await store.records()).length > 0, 120, 'a first record');
    await server.restart();
    assert.is(await steady.exited, 0, steady.output());
    assert.equal(
      (await recorded(store)).map(([t]) => t),
      [1, 2, 3],
    );
    assert.is(await store.state(), 'done');
  },
);

worker('a trial that diverges is its result, recorded at its first attempt, not retried', async () => {
  if (!server) return;
  const { dir, file } = sweepFile(
    `  method: grid
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [0.01, 1.0e+30] }
`,
    REGRESSION,
  );
  const meta = await enqueueSweep(loadSpec(file), server.url);
  const solo = startWorker(server.url, join(dir, 'solo'), '--until-empty');
  assert.is(await solo.exited, 0, solo.output());
  const records = (await new SweepStore(server.client(), meta.id).records()).sort(
    (a, b) => a.record.trial - b.record.trial,
  );
  assert.equal(
    records.map((r) => [r.record.status, r.attempt]),
    [
      ['completed', 1],
      ['diverged', 1],
    ],
  );
});

worker.run();
