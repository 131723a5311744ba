// A worker whose Redis goes away, against a real redis-server: briefly (its trial goes on and is recorded when Redis
// is back), for good (it stops its trial and fails after --redis-timeout, naming the queue), or while Ctrl-C'd.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { enqueueSweep } from './enqueue.ts';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { SweepStore } from './store.ts';
import { startWorker, sweepFile, waitFor } from './worker-process.testkit.ts';

/** One trial of many small epochs, so Redis can go away while it trains. */
const LONG_TRIAL = `  method: random
  trials: 1
  metric: { name: val_accuracy, goal: maximize }
  earlyTerminate: { type: median, minEpochs: 1 }
  parameters:
    training.optimizer.learningRate: { distribution: log_uniform, min: 0.001, max: 0.1 }
`;
const EPOCHS = ['training.epochs=40', 'data.synthetic.trainSize=512'];

const loss = suite('tfyaml worker without Redis');
let server: RedisServer | undefined;

loss.before(async () => {
  server = await startRedisServer('tfyaml worker without Redis');
});
loss.after(async () => {
  await server?.stop();
});

/** Trial processes whose run folder is under `dir`, still alive. */
function trialProcessesUnder(dir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes('trial-entry') && line.includes(dir));
}

async function startLongTrial(server: RedisServer, name: string, ...args: string[]) {
  const { dir, file } = sweepFile(LONG_TRIAL);
  const meta = await enqueueSweep(loadSpec(file, { overrides: EPOCHS }), server.url);
  const store = new SweepStore(server.client(), meta.id);
  const worker = startWorker(server.url, join(dir, name), '--lock', '20', '--sweep', meta.id, ...args);
  await waitFor(async () => (await store.running()).some((r) => r.epoch >= 1), 120, 'the trial to train');
  return { dir, meta, store, worker };
}

loss('Redis gone for good: after --redis-timeout the worker stops its trial and exits 1 naming the queue', async () => {
  if (!server) return;
  const { dir, worker } = await startLongTrial(server, 'orphan', '--redis-timeout', '2s');
  await server.pause();
  const started = Date.now();
  try {
    assert.is(await worker.exited, 1, worker.output());
    assert.ok(Date.now() - started < 30_000, `exited after ${Date.now() - started} ms`);
    assert.match(worker.output(), `✖ lost the queue ${server.url}: no answer for 2 s`);
    assert.not.match(worker.output(), /internal error|\n\s+at /, worker.output());
    assert.equal(trialProcessesUnder(dir), []);
  } finally {
    await server.resume();
  }
});

loss('SIGTERM while Redis is down: the worker stops its trial and exits at once', async () => {
  if (!server) return;
  const { dir, worker } = await startLongTrial(server, 'leaver');
  await server.pause();
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    worker.child.kill('SIGTERM');
    assert.is(await worker.exited, 0, worker.output());
    assert.ok(Date.now() - started < 15_000, `exited after ${Date.now() - started} ms (the timeout is 60 s)`);
    assert.equal(trialProcessesUnder(dir), []);
  } finally {
    await server.resume();
  }
});

loss('Redis away briefly mid-trial: the trial goes on and is recorded once, at its first attempt', async () => {
  if (!server) return;
  const { store, worker } = await startLongTrial(server, 'patient', '--until-empty');
  await server.pause();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await server.resume();
  assert.is(await worker.exited, 0, worker.output());
  const records = await store.records();
  assert.equal(
    records.map((r) => [r.record.trial, r.record.status, r.record.epochs, r.attempt]),
    [[1, 'completed', 40, 1]],
  );
});

loss.run();
