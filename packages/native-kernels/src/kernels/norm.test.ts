import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, int, nativeOrSkip, randomTensor, rng, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('batch-norm kernel');

const batchNorm = suite('FusedBatchNorm :: parity with the stock cpu kernel');

batchNorm('per-channel or scalar parameters, scale and offset optional, any rank', async () => {
  if (!native) return;
  const r = rng(61);
  for (let i = 0; i < 30; i++) {
    const shape = Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 6));
    const C = shape.at(-1)!;
    const param = (lo: number, hi: number): HostTensor => (r() < 0.3 ? randomTensor(r, [1], lo, hi) : randomTensor(r, [C], lo, hi));
    const inputs: Record<string, HostTensor> = { x: randomTensor(r, shape, -4, 4), mean: param(-1, 1), variance: param(0, 3) };
    if (r() < 0.7) inputs['scale'] = param(0.5, 2);
    if (r() < 0.7) inputs['offset'] = param(-1, 1);
    const attrs: Record<string, number> = r() < 0.5 ? { varianceEpsilon: 0.01 } : {};
    const c = await compare('FusedBatchNorm', inputs, attrs);
    assert.ok(c.sameShape && c.relErr <= TOL, `x [${shape}]: ${c.relErr}`);
    assert.is(c.nativeCalls, 1, `x [${shape}]`);
  }
});

batchNorm('parameters of another length go stock', async () => {
  if (!native) return;
  const r = rng(62);
  const c = await compare('FusedBatchNorm', { x: randomTensor(r, [2, 6]), mean: randomTensor(r, [3]), variance: randomTensor(r, [3], 0, 1) },
    { varianceEpsilon: 0.001 });
  assert.is(c.nativeCalls, 0);
  assert.is(c.relErr, 0);
});

batchNorm.run();
