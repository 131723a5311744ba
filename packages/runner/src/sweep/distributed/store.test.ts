// SweepStore against a real redis-server: records are first-write-wins and need the job's lock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { SweepStore, type StoredTrial } from './store.ts';
import { storedReport } from './shared-pruner.ts';

const store = suite('SweepStore');
let server: RedisServer | undefined;

store.before(async () => {
  server = await startRedisServer('SweepStore');
});
store.after(async () => {
  await server?.stop();
});

const stored = (trial: number, host: string): StoredTrial => ({
  record: { trial, status: 'completed', params: { x: 1 }, epochs: 1, seconds: 1, value: 0.5, bestEpoch: 1 },
  attempt: 1,
  host,
  model: '',
  files: {},
});

store('a trial is recorded once: a second write, and one whose lock is gone, are refused', async () => {
  if (!server) return;
  const redis = server.client();
  const sweep = new SweepStore(redis, 'records');
  await redis.set('lock:1', 'token-a');
  assert.is(await sweep.record(stored(1, 'a'), ['lock:1', 'token-a']), 'recorded');
  assert.is(await sweep.record(stored(1, 'b'), ['lock:1', 'token-a']), 'duplicate');
  await redis.set('lock:2', 'token-b'); // another worker holds trial 2 now
  assert.is(await sweep.record(stored(2, 'a'), ['lock:2', 'token-a']), 'lock-lost');
  const records = await sweep.records();
  assert.equal(
    records.map((r) => [r.record.trial, r.host]),
    [[1, 'a']],
  );
});

store('the first parameters stored for a trial win', async () => {
  if (!server) return;
  const redis = server.client();
  const sweep = new SweepStore(redis, 'params');
  const [a, b] = await Promise.all([sweep.paramsFor(3, () => ({ lr: 1 })), sweep.paramsFor(3, () => ({ lr: 2 }))]);
  assert.equal(a, b);
  assert.equal(await sweep.paramsFor(3, () => ({ lr: 3 })), a);
});

store('epoch reports from several connections: each sees exactly the reports before it', async () => {
  if (!server) return;
  const clients = [server.client(), server.client(), server.client()];
  const seen = await Promise.all(
    Array.from({ length: 30 }, (_, i) => new SweepStore(clients[i % 3]!, 'prune').reportEpoch(storedReport(i, 1, i))),
  );
  const lengths = seen.map((list) => list.length).sort((x, y) => x - y);
  assert.equal(
    lengths,
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  const full = seen.find((list) => list.length === 30)!;
  for (const list of seen) assert.equal(list, full.slice(0, list.length));
});

store.run();
