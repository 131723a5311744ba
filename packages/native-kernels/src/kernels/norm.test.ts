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
    const param = (lo: number, hi: number): HostTensor =>
      r() < 0.3 ? randomTensor(r, [1], lo, hi) : randomTensor(r, [C], lo, hi);
    const inputs: Record<string, HostTensor> = {
      x: randomTensor(r, shape, -4, 4),
      mean: param(-1, 1),
      variance: param(0, 3),
    };
    if (r() < 0.7) inputs['scale'] = param(0.5, 2);
    if (r() < 0.7) inputs['offset'] = param(-1, 1);
    const attrs: Record<string, number> = r() < 0.5 ? { varianceEpsilon: 0.01 } : {};
    const c = await compare('FusedBatchNorm', inputs, attrs);
    assert.ok(c.sameShape && c.relErr <= TOL, `x [${shape}]: ${c.relErr}`);
    assert.is(c.nativeCalls, 1, `x [${shape}]`);
  }
});

batchNorm('parameters of other lengths cycle as in the stock kernel (layerNormalization tiles them to x)', async () => {
  if (!native) return;
  const r = rng(62);
  for (const [shape, length] of [
    [[2, 6], 3],
    [[4, 5, 8], 160],
    [[3, 7], 21],
    [[5, 4], 7],
  ] as const) {
    const n = length as number;
    const inputs = {
      x: randomTensor(r, [...shape]),
      mean: randomTensor(r, [n]),
      variance: randomTensor(r, [n], 0, 1),
      scale: randomTensor(r, [n]),
      offset: randomTensor(r, [1]),
    };
    const c = await compare('FusedBatchNorm', inputs, { varianceEpsilon: 0.001 });
    assert.is(c.nativeCalls, 1);
    assert.ok(c.relErr <= TOL, `x [${shape}], parameters of ${n}: ${c.relErr}`);
  }
});

batchNorm.run();
