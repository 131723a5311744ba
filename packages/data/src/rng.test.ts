import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from './rng.ts';

const draw = (seed: number, n: number) => Array.from({ length: n }, createRng(seed));

const test = suite('createRng');

test('same seed, same sequence', () => {
  assert.equal(draw(42, 50), draw(42, 50));
});

test('different seeds, different sequences', () => {
  assert.not.equal(draw(1, 10), draw(2, 10));
  // Timestamps differ above bit 32 too.
  assert.not.equal(draw(2 ** 40, 10), draw(2 ** 41, 10));
});

test('values lie in [0, 1) and spread evenly', () => {
  const values = draw(7, 20000);
  assert.ok(values.every((v) => v >= 0 && v < 1));
  const buckets = new Array(10).fill(0);
  for (const v of values) buckets[Math.floor(v * 10)]++;
  assert.ok(
    buckets.every((n) => n > 1800 && n < 2200),
    `buckets ${buckets}`,
  );
});

test.run();
