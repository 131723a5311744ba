import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../../errors.ts';
import { queueUrlOf, redact, redisOptionsOf } from './connection.ts';

const options = suite('redisOptionsOf');

options('reads host, port, user, password and database; rediss:// turns TLS on', () => {
  const plain = redisOptionsOf('redis://10.0.0.5:6380');
  assert.equal(
    [plain.host, plain.port, plain.username, plain.password, plain.db, plain.tls],
    ['10.0.0.5', 6380, undefined, undefined, undefined, undefined],
  );
  const full = redisOptionsOf('rediss://sweeper:p%40ss@queue.example:6390/2');
  assert.equal(
    [full.host, full.port, full.username, full.password, full.db],
    ['queue.example', 6390, 'sweeper', 'p@ss', 2],
  );
  assert.equal(full.tls, { servername: 'queue.example' });
  assert.equal(redisOptionsOf('rediss://127.0.0.1:6390').tls, {}, 'an address is not a TLS server name');
  assert.is(redisOptionsOf('redis://h').port, 6379);
});

options('refuses what is not a redis URL, without printing its password', () => {
  for (const url of ['10.0.0.5:6379', 'http://h:1', 'redis://u:secret@h:1/db']) {
    assert.throws(
      () => redisOptionsOf(url),
      (e: Error) => e instanceof RunError && !e.message.includes('secret'),
    );
  }
  assert.is(redact('redis://u:secret@h:1'), 'redis://u:***@h:1');
});

options('the flag wins over TFYAML_QUEUE; neither is a user error', () => {
  assert.is(queueUrlOf('redis://a', { TFYAML_QUEUE: 'redis://b' }), 'redis://a');
  assert.is(queueUrlOf(undefined, { TFYAML_QUEUE: 'redis://b' }), 'redis://b');
  assert.throws(
    () => queueUrlOf(undefined, {}),
    (e: Error) => e instanceof RunError,
  );
});

options.run();
