// DepthwiseConv2dNative and its two gradients (in conv.ts) against the stock cpu kernels.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, describe, int, nativeOrSkip, pick, randomTensor, rng, TOL } from '../parity.testkit.ts';

const native = nativeOrSkip('depthwise conv kernels');
const CASES = 30;

/** A random depthwise geometry with a non-empty output; dilation only with stride 1 (a tfjs rule). */
function geometry(r: () => number, dilate: boolean) {
  const N = int(r, 1, 3),
    C = int(r, 1, 7),
    M = pick(r, [1, 1, 2, 3]);
  const KH = int(r, 1, 5),
    KW = int(r, 1, 5);
  const stride = pick(r, [1, 1, 2, 3]);
  const dilation = dilate && stride === 1 ? pick(r, [1, 2]) : 1;
  const H = int(r, (KH - 1) * dilation + 1, 13),
    W = int(r, (KW - 1) * dilation + 1, 13);
  const kind = pick(r, ['valid', 'same', 'explicit'] as const);
  const pad =
    kind !== 'explicit'
      ? kind
      : [
          [0, 0],
          [int(r, 0, KH - 1), int(r, 0, KH - 1)],
          [int(r, 0, KW - 1), int(r, 0, KW - 1)],
          [0, 0],
        ];
  return { N, H, W, C, M, KH, KW, stride, dilation, pad };
}

const depthwise = suite('DepthwiseConv2dNative and its gradients :: parity with the stock cpu kernels');

depthwise('forward on random shapes, multipliers, strides, dilations and paddings', async () => {
  if (!native) return;
  const r = rng(41);
  for (let i = 0; i < CASES; i++) {
    const g = geometry(r, true);
    const inputs = { x: randomTensor(r, [g.N, g.H, g.W, g.C]), filter: randomTensor(r, [g.KH, g.KW, g.C, g.M]) };
    const attrs = { strides: g.stride, pad: g.pad, dataFormat: 'NHWC', dilations: g.dilation };
    const c = await compare('DepthwiseConv2dNative', inputs, attrs);
    const name = describe('DepthwiseConv2dNative', inputs, attrs);
    assert.ok(c.sameShape && c.relErr <= TOL, `${name}: relative error ${c.relErr}`);
    assert.is(c.nativeCalls, 1, `${name} ran the stock kernel`);
  }
});

depthwise('both gradients on random shapes, multipliers, strides and paddings', async () => {
  if (!native) return;
  const r = rng(42);
  for (let i = 0; i < CASES; i++) {
    const g = geometry(r, false);
    const filterShape = [g.KH, g.KW, g.C, g.M];
    const common = { strides: g.stride, pad: g.pad, dilations: 1 };
    const probe = await compare(
      'DepthwiseConv2dNative',
      { x: randomTensor(r, [g.N, g.H, g.W, g.C]), filter: randomTensor(r, filterShape) },
      { ...common, dataFormat: 'NHWC' },
    );
    const dy = randomTensor(r, probe.stock.shape);
    const dxInputs = { dy, filter: randomTensor(r, filterShape) };
    const dxAttrs = { ...common, inputShape: [g.N, g.H, g.W, g.C] };
    const dx = await compare('DepthwiseConv2dNativeBackpropInput', dxInputs, dxAttrs);
    assert.ok(
      dx.sameShape && dx.relErr <= TOL,
      `${describe('…BackpropInput', dxInputs, dxAttrs)}: relative error ${dx.relErr}`,
    );
    assert.is(dx.nativeCalls, 1);
    const dwInputs = { x: randomTensor(r, [g.N, g.H, g.W, g.C]), dy };
    const dwAttrs = { ...common, filterShape };
    const dw = await compare('DepthwiseConv2dNativeBackpropFilter', dwInputs, dwAttrs);
    assert.ok(
      dw.sameShape && dw.relErr <= TOL,
      `${describe('…BackpropFilter', dwInputs, dwAttrs)}: relative error ${dw.relErr}`,
    );
    assert.is(dw.nativeCalls, 1);
  }
});

depthwise('a MobileNet-sized layer: 32×32×32, 3×3, same', async () => {
  if (!native) return;
  const r = rng(43);
  const attrs = { strides: 1, pad: 'same', dilations: 1 };
  const dy = randomTensor(r, [8, 32, 32, 32]);
  const dw = await compare(
    'DepthwiseConv2dNativeBackpropFilter',
    { x: randomTensor(r, [8, 32, 32, 32]), dy },
    { ...attrs, filterShape: [3, 3, 32, 1] },
  );
  assert.ok(dw.relErr <= TOL, `filter gradient: ${dw.relErr}`);
  const dx = await compare(
    'DepthwiseConv2dNativeBackpropInput',
    { dy, filter: randomTensor(r, [3, 3, 32, 1]) },
    { ...attrs, inputShape: [8, 32, 32, 32] },
  );
  assert.ok(dx.relErr <= TOL, `input gradient: ${dx.relErr}`);
});

depthwise('dilated gradients and NCHW go stock', async () => {
  if (!native) return;
  const r = rng(44);
  const dw = await compare(
    'DepthwiseConv2dNativeBackpropFilter',
    { x: randomTensor(r, [1, 7, 7, 2]), dy: randomTensor(r, [1, 3, 3, 2]) },
    { strides: 1, pad: 'valid', dilations: 2, filterShape: [3, 3, 2, 1] },
  );
  assert.is(dw.nativeCalls, 0);
  const nchw = await compare(
    'DepthwiseConv2dNative',
    { x: randomTensor(r, [1, 2, 5, 5]), filter: randomTensor(r, [3, 3, 2, 1]) },
    { strides: 1, pad: 'valid', dilations: 1, dataFormat: 'NCHW' },
  );
  assert.is(nchw.nativeCalls, 0);
});

depthwise.run();
