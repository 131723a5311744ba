import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { compare, int, nativeOrSkip, randomTensor, relativeError, rng, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('resize kernels');

async function perSampleStock(images: HostTensor, dy: HostTensor, attrs: NamedAttrMap): Promise<number[]> {
  const out: number[] = [];
  const [N] = images.shape as [number];
  for (let n = 0; n < N; n++) {
    const one = (t: HostTensor): HostTensor => {
      const per = t.values.length / N;
      return { shape: [1, ...t.shape.slice(1)], values: t.values.slice(n * per, (n + 1) * per) };
    };
    out.push(...(await compare('ResizeNearestNeighborGrad', { images: one(images), dy: one(dy) }, attrs)).stock.values);
  }
  return out;
}

const resize = suite('ResizeNearestNeighbor and its gradient :: parity with the stock cpu kernels');

resize('random sizes up and down, alignCorners and halfPixelCenters', async () => {
  if (!native) return;
  const r = rng(81);
  for (let i = 0; i < 30; i++) {
    const [N, H, W, C] = [int(r, 1, 3), int(r, 1, 7), int(r, 1, 7), int(r, 1, 4)];
    // Integer factors (upSampling2d) most of the time, arbitrary sizes otherwise.
    const size = r() < 0.6 ? [H * int(r, 1, 3), W * int(r, 1, 3)] : [int(r, 1, 12), int(r, 1, 12)];
    // The stock gradient loops forever with alignCorners on a 1-pixel side (its window is infinite).
    const alignCorners = H > 1 && W > 1 && r() < 0.3;
    const attrs = { size, alignCorners, halfPixelCenters: !alignCorners && r() < 0.5 };
    const images = randomTensor(r, [N, H, W, C]);
    const fwd = await compare('ResizeNearestNeighbor', { images }, attrs);
    const name = `[${N},${H},${W},${C}] → ${size} ${JSON.stringify(attrs)}`;
    assert.ok(fwd.sameShape && fwd.relErr === 0, `forward ${name}: ${fwd.relErr}`);
    assert.is(fwd.nativeCalls, 1);
    if (attrs.halfPixelCenters) continue; // the stock gradient ignores halfPixelCenters
    const dy = randomTensor(r, [N, size[0]!, size[1]!, C]);
    const grad = await compare('ResizeNearestNeighborGrad', { images, dy }, attrs);
    if (size[0]! < H || size[1]! < W) {
      assert.is(grad.nativeCalls, 0, `shrinking ${name} goes stock`);
      continue;
    }
    assert.is(grad.nativeCalls, 1);
    // The stock gradient reads dy at the image's batch stride, wrong for N > 1: compare per sample.
    const expected = await perSampleStock(images, dy, attrs);
    assert.ok(grad.sameShape && relativeError(expected, grad.native.values) <= TOL, `gradient ${name}`);
  }
});

resize.run();
