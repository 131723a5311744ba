// A worker stopped past its lock, and a worker stopped with Ctrl-C, against a real redis-server.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { enqueueSweep } from './enqueue.ts';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { SweepStore } from './store.ts';
import { startWorker, sweepFile, waitFor } from './worker-process.testkit.ts';

const ONE_TRIAL = `  method: random
  trials: 1
  metric: { name: val_accuracy, goal: maximize }
  parameters:
    training.optimizer.learningRate: { distribution: log_uniform, min: 0.001, max: 0.1 }
`;

const recovery = suite('tfyaml worker recovery');
let server: RedisServer | undefined;

recovery.before(async () => {
  server = await startRedisServer('tfyaml worker recovery');
});
recovery.after(async () => {
  await server?.stop();
});

recovery(
  'a worker SIGSTOPped past its lock, then resumed: another worker records the trial; the late result is discarded',
  async () => {
    if (!server) return;
    const { dir, file } = sweepFile(ONE_TRIAL);
    const meta = await enqueueSweep(loadSpec(file), server.url);
    const redis = server.client();
    const store = new SweepStore(redis, meta.id);
    const sleeper = startWorker(server.url, join(dir, 'sleeper'), '--lock', '5', '--sweep', meta.id);
    await waitFor(async () => (await store.running()).length > 0, 120, 'the trial to start');
    sleeper.child.kill('SIGSTOP');
    const other = startWorker(server.url, join(dir, 'other'), '--lock', '5', '--until-empty', '--sweep', meta.id);
    assert.is(await other.exited, 0, other.output());
    sleeper.child.kill('SIGCONT');
    const events = async () => (await store.events('0')).map((e) => e.text).join('\n');
    await waitFor(async () => /late result .* discarded/.test(await events()), 120, 'the late result to be discarded');
    sleeper.child.kill('SIGINT');
    await sleeper.exited;
    const records = await store.records();
    assert.equal(
      records.map((r) => r.record.trial),
      [1],
    );
    assert.ok(records[0]!.attempt >= 2, `recorded by attempt ${records[0]!.attempt}`);
    assert.match(records[0]!.host, String(other.child.pid));
  },
);

recovery('Ctrl-C on a worker hands its trial back at once, not after its (long) lock expires', async () => {
  if (!server) return;
  const { dir, file } = sweepFile(ONE_TRIAL);
  const meta = await enqueueSweep(loadSpec(file), server.url);
  const redis = server.client();
  const store = new SweepStore(redis, meta.id);
  const quitter = startWorker(server.url, join(dir, 'quitter'), '--lock', '600', '--sweep', meta.id);
  await waitFor(async () => (await store.running()).length > 0, 120, 'the trial to start');
  quitter.child.kill('SIGINT');
  assert.is(await quitter.exited, 0, quitter.output());
  // With the job still locked, this worker could take it only after 600 s; the wait below gives up long before.
  const next = startWorker(server.url, join(dir, 'next'), '--lock', '600', '--until-empty', '--sweep', meta.id);
  await waitFor(async () => (await store.records()).length === 1, 150, 'the trial to be recorded by the next worker');
  assert.is(await next.exited, 0, next.output());
  assert.match((await store.records())[0]!.host, String(next.child.pid));
});

recovery.run();
