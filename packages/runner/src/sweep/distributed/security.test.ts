// Logins and TLS against real redis-servers: a password, an ACL user, a wrong password (one line, no stack), and
// rediss:// with a certificate made by openssl for the test (trusted through NODE_EXTRA_CA_CERTS, or refused).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { enqueueSweep } from './enqueue.ts';
import { freePort, startRedisServer, type RedisServer } from './redis-server.testkit.ts';
import { SweepStore } from './store.ts';
import { startTfyaml, startWorker, sweepFile } from './worker-process.testkit.ts';

const ONE_TRIAL = `  method: grid
  metric: { name: val_accuracy, goal: maximize }
  parameters:
    training.optimizer.learningRate: { values: [0.01] }
`;

/** A worker that cannot log in exits this fast, not after --redis-timeout. */
const REFUSAL_MS = 20_000;

const login = suite('Redis logins');
let secured: RedisServer | undefined;

login.before(async () => {
  secured = await startRedisServer('Redis logins', {
    args: () => ['--requirepass', 'sekret', '--user', 'sweeper', 'on', '>sweeper-pw', '~*', '&*', '+@all'],
    login: ':sekret',
  });
});
login.after(async () => {
  await secured?.stop();
});

login('an ACL user enqueues, a worker with the password runs the sweep', async () => {
  if (!secured) return;
  const { dir, file } = sweepFile(ONE_TRIAL);
  const meta = await enqueueSweep(loadSpec(file), `redis://sweeper:sweeper-pw@127.0.0.1:${secured.port}`);
  const worker = startWorker(secured.url, join(dir, 'w'), '--until-empty', '--sweep', meta.id);
  assert.is(await worker.exited, 0, worker.output());
  const records = await new SweepStore(secured.client(), meta.id).records();
  assert.equal(
    records.map((r) => [r.record.trial, r.record.status]),
    [[1, 'completed']],
  );
});

login('a wrong password: the worker and sweep status exit 1 at once with one line, no stack', async () => {
  if (!secured) return;
  const wrong = `redis://:nope@127.0.0.1:${secured.port}`;
  const started = Date.now();
  const commands = [
    startWorker(wrong, join(sweepFile(ONE_TRIAL).dir, 'w')),
    startTfyaml(['sweep', 'status', 'some-id', '--queue', wrong]),
  ];
  for (const command of commands) {
    assert.is(await command.exited, 1, command.output());
    assert.match(command.output(), `✖ redis://:***@127.0.0.1:${secured.port} refused this login: WRONGPASS`);
    assert.not.match(command.output(), /nope|internal error|\n\s+at /, command.output());
  }
  assert.ok(Date.now() - started < REFUSAL_MS, `took ${Date.now() - started} ms`);
});

const tls = suite('rediss:// (TLS)');
let server: RedisServer | undefined;
let tlsPort = 0;
let certified = false;

/** A self-signed certificate for 127.0.0.1; false (after saying why) where openssl is missing. */
function makeCertificate(dir: string): boolean {
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) {
    console.log(
      `skip: rediss:// (TLS): openssl could not make a certificate: ${result.error?.message ?? result.stderr}`,
    );
    return false;
  }
  return true;
}

tls.before(async () => {
  tlsPort = await freePort();
  server = await startRedisServer('rediss:// (TLS)', {
    args: (dir) =>
      (certified = makeCertificate(dir))
        ? [
            '--tls-port',
            String(tlsPort),
            '--tls-cert-file',
            join(dir, 'cert.pem'),
            '--tls-key-file',
            join(dir, 'key.pem'),
            '--tls-auth-clients',
            'no',
          ]
        : [],
  });
});
tls.after(async () => {
  await server?.stop();
});

tls('a worker on rediss:// runs the sweep; one that does not trust the certificate says so and exits 1', async () => {
  if (!server || !certified) return;
  const { dir, file } = sweepFile(ONE_TRIAL);
  const meta = await enqueueSweep(loadSpec(file), server.url);
  const url = `rediss://127.0.0.1:${tlsPort}`;
  const wary = startWorker(url, join(dir, 'wary'), '--until-empty', '--sweep', meta.id);
  assert.is(await wary.exited, 1, wary.output());
  assert.match(wary.output(), `✖ ${url}: this machine does not trust the server's TLS certificate`);
  assert.match(wary.output(), 'NODE_EXTRA_CA_CERTS');
  const trusting = startTfyaml(
    ['worker', '--queue', url, '--out', join(dir, 'trusting'), '--until-empty', '--sweep', meta.id],
    {
      NODE_EXTRA_CA_CERTS: join(server.dir, 'cert.pem'),
    },
  );
  assert.is(await trusting.exited, 0, trusting.output());
  const records = await new SweepStore(server.client(), meta.id).records();
  assert.equal(
    records.map((r) => [r.record.trial, r.record.status]),
    [[1, 'completed']],
  );
});

login.run();
tls.run();
