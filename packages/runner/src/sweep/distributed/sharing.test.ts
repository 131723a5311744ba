// What workers on several machines share through a real redis-server: epoch reports (a trial on one worker is pruned
// by another's), the checkout (a worker refuses a sweep whose file, version or lockfile differs, naming which), and
// --artifacts (models go to the shared folder).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { enqueueSweep } from './enqueue.ts';
import { pullSweep } from './pull.ts';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { SweepStore } from './store.ts';
import { startWorker, sweepFile, waitFor } from './worker-process.testkit.ts';

/** Both trials start from the same weights (one seed); trial 1 learns, trial 2's rate is too small to move them, so
 * its training loss is higher and ASHA (η = 2) stops it at epoch 1, judged against trial 1's report from the other
 * worker. (The training loss, not val_loss: on 16 validation images trial 1 overfits at once.) */
const PRUNED = `  method: grid
  metric: { name: loss, goal: minimize }
  earlyTerminate: { type: asha, minEpochs: 1, reductionFactor: 2 }
  parameters:
    training.optimizer.learningRate: { values: [0.01, 1.0e-9] }
`;

const sharing = suite('workers sharing a sweep');
let server: RedisServer | undefined;

sharing.before(async () => {
  server = await startRedisServer('workers sharing a sweep');
});
sharing.after(async () => {
  await server?.stop();
});

sharing("a trial on one worker is pruned by another worker's epoch reports; models go to --artifacts", async () => {
  if (!server) return;
  const { dir, file } = sweepFile(PRUNED);
  const meta = await enqueueSweep(
    loadSpec(file, { overrides: ['training.epochs=12', 'data.synthetic.trainSize=256'] }),
    server.url,
  );
  const store = new SweepStore(server.client(), meta.id);
  const shared = join(dir, 'shared');
  const args = ['--slots', '1', '--until-empty', '--sweep', meta.id, '--artifacts', shared];
  const first = startWorker(server.url, join(dir, 'first'), ...args);
  // The second worker starts once the first holds trial 1, and takes trial 2 while trial 1 trains.
  await waitFor(async () => (await store.running()).some((r) => r.trial === 1), 120, 'trial 1 to start');
  const second = startWorker(server.url, join(dir, 'second'), ...args);
  assert.equal(await Promise.all([first.exited, second.exited]), [0, 0], first.output() + second.output());
  const records = (await store.records()).sort((a, b) => a.record.trial - b.record.trial);
  assert.equal(
    records.map((r) => [
      r.record.trial,
      r.record.status,
      r.host.endsWith(`#${[first, second][r.record.trial - 1]!.child.pid}`),
    ]),
    [
      [1, 'completed', true],
      [2, 'pruned', true],
    ],
  );
  assert.ok(records[1]!.record.epochs < 12, `trial 2 stopped after ${records[1]!.record.epochs} epochs`);
  const model = join(shared, meta.name, meta.id, 'trials/001/model');
  assert.is(records[0]!.model, model);
  assert.ok(existsSync(join(model, 'model.json')), 'the model is in the shared folder');
  const pulled = await pullSweep(server.url, meta.id, join(dir, 'pulled'), () => {});
  assert.match(readFileSync(join(pulled, 'distributed.csv'), 'utf8'), model);
});

sharing('a worker refuses a sweep whose file or tfyaml version differs from its checkout, naming which', async () => {
  if (!server) return;
  const edited = sweepFile(PRUNED);
  const fileSweep = await enqueueSweep(loadSpec(edited.file), server.url);
  appendFileSync(edited.file, '# edited after enqueuing\n');
  const other = sweepFile(PRUNED);
  const versionSweep = await enqueueSweep(loadSpec(other.file), server.url);
  const redis = server.client();
  const stored = JSON.parse((await redis.hget(`tfyaml:${versionSweep.id}:meta`, 'json'))!);
  stored.hashes.version = 'another version';
  await redis.hset(`tfyaml:${versionSweep.id}:meta`, 'json', JSON.stringify(stored));
  for (const [meta, differing] of [
    [fileSweep, `${edited.file.slice(edited.file.indexOf('packages/'))} differs`],
    [versionSweep, 'the tfyaml version differs'],
  ] as const) {
    const worker = startWorker(server.url, join(other.dir, meta.id), '--sweep', meta.id);
    const line = `refusing sweep ${meta.id}: ${differing} from the enqueuing machine's; check out the commit it enqueued from`;
    await waitFor(() => worker.output().includes(line), 60, `"${line}" in:\n${worker.output()}`);
    worker.child.kill('SIGINT');
    assert.is(await worker.exited, 0, worker.output());
    assert.not.match(worker.output(), /pnpm-lock|started/, worker.output());
    assert.equal(await new SweepStore(redis, meta.id).records(), []);
  }
});

sharing.run();
