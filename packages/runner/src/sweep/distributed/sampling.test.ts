// Random parameters on several workers: the local sweep's sequence, so no configuration of a discrete space runs
// twice; checked as a pure function and with two worker processes on a real redis-server.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { createSampler } from '../sampler.ts';
import { configurationKey, type Params } from '../space.ts';
import { drawParams } from './draw.ts';
import { enqueueSweep } from './enqueue.ts';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { SweepStore } from './store.ts';
import { startWorker, sweepFile } from './worker-process.testkit.ts';

/** 4 configurations, 6 trials asked for; with seed 1 the raw draws of trials 1–4 hold only 2 of them. */
const DISCRETE = `  method: random
  seed: 1
  trials: 6
  metric: { name: val_accuracy, goal: maximize }
  parameters:
    training.optimizer.learningRate: { values: [0.01, 0.02] }
    model.layers[0].filters: { values: [1, 2] }
`;

function discrete() {
  const { dir, file } = sweepFile(DISCRETE);
  const loaded = loadSpec(file);
  const sweep = loaded.spec.sweep!;
  const sampler = createSampler(sweep, 1);
  const local: Params[] = [];
  for (let t = 1; t <= sampler.total; t++) local.push(sampler.suggest(t, [], local));
  return { dir, loaded, sweep, sampler, local };
}

const draw = suite('drawParams');

draw("random in a discrete space: trial n gets the local sweep's n-th configuration in any start order", () => {
  const { sweep, sampler, local } = discrete();
  const raw = [1, 2, 3, 4].map((t) => configurationKey(sampler.suggest(t, [])));
  assert.ok(new Set(raw).size < 4, 'the raw draws repeat, so redrawing is what keeps them apart');
  const params = new Map(
    [4, 2, 3, 1].map((trial) => [trial, drawParams({ sweep, sampler, trial, records: [], params: new Map() })]),
  );
  assert.equal(
    [1, 2, 3, 4].map((t) => params.get(t)),
    local,
  );
  assert.is(new Set(local.map(configurationKey)).size, 4);
});

const distributed = suite('distributed random sampling');
let server: RedisServer | undefined;

distributed.before(async () => {
  server = await startRedisServer('distributed random sampling');
});
distributed.after(async () => {
  await server?.stop();
});

distributed('two workers in a discrete space: 4 configurations of 6 trials asked, each run once', async () => {
  if (!server) return;
  const { dir, loaded, local } = discrete();
  const meta = await enqueueSweep(loaded, server.url);
  assert.is(meta.total, 4);
  const workers = ['a', 'b'].map((name) =>
    startWorker(server!.url, join(dir, name), '--until-empty', '--sweep', meta.id),
  );
  assert.equal(await Promise.all(workers.map((w) => w.exited)), [0, 0], workers.map((w) => w.output()).join('\n'));
  const records = (await new SweepStore(server.client(), meta.id).records()).sort(
    (a, b) => a.record.trial - b.record.trial,
  );
  assert.equal(
    records.map((r) => r.record.params),
    local,
  );
});

draw.run();
distributed.run();
