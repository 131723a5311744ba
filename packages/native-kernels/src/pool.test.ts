import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NativeBackend } from './backend.ts';
import { BufferPool } from './pool.ts';
import { int, nativeOrSkip, pick, rng } from './parity.testkit.ts';
import { NATIVE_BACKEND } from './register.ts';

const unit = suite('BufferPool :: reference counting by ArrayBuffer');

unit('an array comes back only after its last reference is released', () => {
  const pool = new BufferPool(1 << 20);
  const a = pool.alloc(16);
  pool.retain(a);
  pool.retain(a.subarray(4, 8)); // a view counts as a reference to the same buffer
  pool.release(a);
  assert.is.not(pool.alloc(16), a, 'handed out while a view still refers to it');
  pool.release(a.subarray(4, 8));
  assert.is(pool.alloc(16), a);
});

unit('an exposed array is never reused; arrays it does not own are ignored', () => {
  const pool = new BufferPool(1 << 20);
  const a = pool.alloc(16);
  pool.retain(a);
  pool.expose(a);
  pool.release(a);
  assert.is.not(pool.alloc(16), a);
  const foreign = new Float32Array(16);
  pool.retain(foreign);
  pool.release(foreign);
  assert.is.not(pool.alloc(16), foreign);
});

unit('the cap bounds what is kept, evicting the least recently released; sizes are pooled separately', () => {
  const pool = new BufferPool(100); // room for one 64-byte array and one 32-byte array
  const [a, b, c] = [pool.alloc(16), pool.alloc(16), pool.alloc(8)];
  for (const x of [a, b, c]) {
    pool.retain(x);
    pool.release(x);
  }
  assert.is(pool.stats().bytes, 96, 'b evicted a, then c fitted beside b');
  assert.is(pool.alloc(16), b);
  assert.is.not(pool.alloc(16), a, 'a was evicted and left to the GC');
  assert.is(pool.alloc(8), c);
  const huge = pool.alloc(64);
  pool.retain(huge);
  pool.release(huge);
  assert.is(pool.stats().bytes, 0, 'an array above the cap is never kept');
});

unit.run();

const native = nativeOrSkip('buffer recycling in the native backend');
const recycling = suite('native backend :: no buffer is handed out while still referenced');

function valuesOf(t: tf.Tensor): Float32Array {
  // Not dataSync(): reading through the backend marks the buffer as exposed, which is what some tests check.
  return (tf.backend() as NativeBackend).data.get(t.dataId).values as Float32Array;
}

recycling('a disposed native output is reused by the next output of its size', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const x = tf.randomUniform([4, 8], -1, 1);
  const y = tf.relu(x);
  const buffer = valuesOf(y);
  y.dispose();
  const z = tf.relu(x);
  assert.is(valuesOf(z), buffer, 'recycling does not happen at all');
  tf.dispose([x, z]);
});

recycling('values returned by dataSync() stay intact: their buffer is never reused', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const x = tf.randomUniform([4, 8], -1, 1);
  const y = tf.relu(x);
  const read = y.dataSync();
  const copy = Float32Array.from(read);
  y.dispose();
  const z = tf.neg(x);
  assert.is.not(valuesOf(z), read);
  assert.equal(Array.from(read), Array.from(copy));
  tf.dispose([x, z]);
});

recycling('a reshape (same data) or a slice (a view of the buffer) keeps the buffer alive', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const x = tf.randomUniform([4, 8], -1, 1);
  const y = tf.relu(x);
  const reshaped = tf.reshape(y, [32]);
  const sliced = tf.slice(y, [1, 0], [2, 8]);
  assert.is(
    valuesOf(sliced).buffer,
    valuesOf(y).buffer,
    'the cpu Slice kernel no longer returns a view; this test lost its point',
  );
  const expectReshaped = Float32Array.from(valuesOf(reshaped)),
    expectSliced = Float32Array.from(valuesOf(sliced));
  y.dispose();
  const z1 = tf.neg(x),
    z2 = tf.neg(x);
  assert.equal(Array.from(valuesOf(reshaped)), Array.from(expectReshaped));
  reshaped.dispose();
  const z3 = tf.neg(x);
  assert.equal(Array.from(valuesOf(sliced)), Array.from(expectSliced), 'a view was overwritten');
  tf.dispose([x, sliced, z1, z2, z3]);
});

recycling('random ops, reads and disposals never change a live tensor (2000 steps)', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const r = rng(7);
  const live: { t: tf.Tensor; expect: Float32Array }[] = [];
  const track = (t: tf.Tensor) => live.push({ t, expect: Float32Array.from(valuesOf(t)) });
  const backend = tf.backend() as NativeBackend;
  const hitsBefore = backend.pool.stats().hits;
  for (let i = 0; i < 4; i++) track(tf.randomUniform([4, 8], -1, 1));
  for (let step = 0; step < 2000; step++) {
    const a = pick(r, live).t,
      b = pick(r, live).t;
    const op = int(r, 0, 9);
    const unaries = [tf.relu, tf.neg, tf.square, tf.exp, tf.sqrt];
    if (op <= 4) track(tf.tidy(() => unaries[op]!(a)));
    else if (op === 5) track(tf.tidy(() => (a.size === b.size ? tf.add(tf.reshape(a, b.shape), b) : tf.add(a, a))));
    else if (op === 6) {
      track(
        tf.tidy(() =>
          pick(r, [
            () => tf.reshape(a, [a.size]),
            () => tf.clone(a),
            () => (a.size === 32 ? tf.slice(tf.reshape(a, [4, 8]), [1, 0], [2, 8]) : tf.clone(a)),
          ])(),
        ),
      );
    } else if (op === 7 && r() < 0.3) a.dataSync();
    else if (live.length > 3) live.splice(int(r, 0, live.length - 1), 1)[0]!.t.dispose();
    while (live.length > 24) live.shift()!.t.dispose();
    for (const { t, expect } of live) {
      const now = valuesOf(t);
      for (let k = 0; k < expect.length; k++) {
        if (!Object.is(now[k], expect[k])) assert.unreachable(`step ${step}: a live tensor changed at ${k}`);
      }
    }
  }
  assert.ok(backend.pool.stats().hits - hitsBefore > 500, 'the stress test barely recycled; it proves nothing');
  tf.dispose(live.map((l) => l.t));
});

recycling.run();
