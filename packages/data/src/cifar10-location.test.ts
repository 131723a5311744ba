import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cifar10Location } from './cifar10-location.ts';

const test = suite('cifar10Location');

test('the cache defaults to ~/.cache/tfyaml and follows $XDG_CACHE_HOME', () => {
  assert.equal(cifar10Location(undefined, { env: { HOME: '/home/u' } }), {
    cache: '/home/u/.cache/tfyaml/cifar-10-batches-bin',
  });
  assert.is(
    cifar10Location(undefined, { env: { HOME: '/home/u', XDG_CACHE_HOME: '/xdg' } }).cache,
    '/xdg/tfyaml/cifar-10-batches-bin',
  );
});

test('cacheDir overrides the cache; data.path and $TFYAML_DATA_DIR are resolved', () => {
  const location = cifar10Location('rel/data', {
    env: { TFYAML_DATA_DIR: '/data', XDG_CACHE_HOME: '/xdg' },
    cacheDir: '/tmp/c',
  });
  assert.equal(location, {
    dataPath: resolve('rel/data'),
    dataDir: join('/data', 'cifar-10-batches-bin'),
    cache: '/tmp/c/cifar-10-batches-bin',
  });
});

test.run();
