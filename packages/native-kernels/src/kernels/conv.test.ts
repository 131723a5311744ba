import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, describe, int, nativeOrSkip, pick, randomTensor, rng, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('conv kernels');
const CASES = 30;

type Pad = 'valid' | 'same' | number[][];

/** A random conv geometry whose output is non-empty; dilation only with stride 1 (a tfjs rule). */
function geometry(r: () => number, dilate: boolean) {
  const N = int(r, 1, 3),
    C = int(r, 1, 5),
    OC = int(r, 1, 6);
  const KH = int(r, 1, 4),
    KW = int(r, 1, 4);
  const stride = pick(r, [1, 1, 2, 3]);
  const dilation = dilate && stride === 1 ? pick(r, [1, 2]) : 1;
  const H = int(r, (KH - 1) * dilation + 1, 12),
    W = int(r, (KW - 1) * dilation + 1, 12);
  const kind = pick(r, ['valid', 'same', 'explicit'] as const);
  const pad: Pad =
    kind !== 'explicit'
      ? kind
      : [
          [0, 0],
          [int(r, 0, KH - 1), int(r, 0, KH - 1)],
          [int(r, 0, KW - 1), int(r, 0, KW - 1)],
          [0, 0],
        ];
  return { N, H, W, C, OC, KH, KW, stride, dilation, pad };
}

const forward = suite('Conv2D / FusedConv2D :: parity with the stock cpu kernel');

forward('Conv2D on random shapes, strides, dilations and paddings', async () => {
  if (!native) return;
  const r = rng(1);
  for (let i = 0; i < CASES; i++) {
    const g = geometry(r, true);
    const inputs = { x: randomTensor(r, [g.N, g.H, g.W, g.C]), filter: randomTensor(r, [g.KH, g.KW, g.C, g.OC]) };
    const attrs = { strides: g.stride, pad: g.pad, dataFormat: 'NHWC', dilations: g.dilation };
    const c = await compare('Conv2D', inputs, attrs);
    const name = describe('Conv2D', inputs, attrs);
    assert.ok(c.sameShape, name);
    assert.ok(c.relErr <= TOL, `${name}: relative error ${c.relErr}`);
    assert.is(c.nativeCalls, 1, `${name} ran the stock kernel`);
  }
});

forward('FusedConv2D with bias and relu or linear runs natively', async () => {
  if (!native) return;
  const r = rng(2);
  for (let i = 0; i < CASES; i++) {
    const g = geometry(r, true);
    const inputs: Record<string, HostTensor> = {
      x: randomTensor(r, [g.N, g.H, g.W, g.C]),
      filter: randomTensor(r, [g.KH, g.KW, g.C, g.OC]),
    };
    if (r() < 0.7) inputs['bias'] = randomTensor(r, [g.OC]);
    const attrs = {
      strides: g.stride,
      pad: g.pad,
      dataFormat: 'NHWC',
      dilations: g.dilation,
      activation: pick(r, ['relu', 'linear']),
    };
    const c = await compare('FusedConv2D', inputs, attrs);
    const name = describe('FusedConv2D', inputs, attrs);
    assert.ok(c.relErr <= TOL, `${name}: relative error ${c.relErr}`);
    assert.is(c.nativeCalls, 1, `${name} ran the stock kernel`);
  }
});

forward('NCHW, prelu and elu fall back to the stock kernel and still agree', async () => {
  if (!native) return;
  const r = rng(3);
  const x = randomTensor(r, [2, 3, 6, 6]),
    filter = randomTensor(r, [3, 3, 3, 4]);
  const nchw = await compare('Conv2D', { x, filter }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', dilations: 1 });
  assert.is(nchw.nativeCalls, 0);
  assert.is(nchw.relErr, 0);
  const xh = randomTensor(r, [2, 6, 6, 3]);
  for (const activation of ['prelu', 'elu']) {
    const inputs: Record<string, HostTensor> = { x: xh, filter, bias: randomTensor(r, [4]) };
    if (activation === 'prelu') inputs['preluActivationWeights'] = randomTensor(r, [4]);
    const c = await compare('FusedConv2D', inputs, {
      strides: 1,
      pad: 'same',
      dataFormat: 'NHWC',
      dilations: 1,
      activation,
    });
    assert.is(c.nativeCalls, 0, activation);
    assert.is(c.relErr, 0, activation);
  }
});

forward.run();

const backprop = suite('Conv2DBackpropInput / Conv2DBackpropFilter :: parity with the stock cpu kernel');

backprop('both gradients on random shapes, strides and paddings', async () => {
  if (!native) return;
  const r = rng(4);
  for (let i = 0; i < CASES; i++) {
    const g = geometry(r, false);
    // The forward output shape fixes dy's shape; the stock kernel computes it the same way.
    const probe = await compare(
      'Conv2D',
      { x: randomTensor(r, [g.N, g.H, g.W, g.C]), filter: randomTensor(r, [g.KH, g.KW, g.C, g.OC]) },
      { strides: g.stride, pad: g.pad, dataFormat: 'NHWC', dilations: 1 },
    );
    const dy = randomTensor(r, probe.stock.shape);
    const common = { strides: g.stride, pad: g.pad, dataFormat: 'NHWC' };
    const dxInputs = { dy, filter: randomTensor(r, [g.KH, g.KW, g.C, g.OC]) };
    const dxAttrs = { ...common, inputShape: [g.N, g.H, g.W, g.C] };
    const dx = await compare('Conv2DBackpropInput', dxInputs, dxAttrs);
    assert.ok(dx.relErr <= TOL, `${describe('Conv2DBackpropInput', dxInputs, dxAttrs)}: relative error ${dx.relErr}`);
    assert.is(dx.nativeCalls, 1);
    const dwInputs = { x: randomTensor(r, [g.N, g.H, g.W, g.C]), dy };
    const dwAttrs = { ...common, filterShape: [g.KH, g.KW, g.C, g.OC] };
    const dw = await compare('Conv2DBackpropFilter', dwInputs, dwAttrs);
    assert.ok(dw.relErr <= TOL, `${describe('Conv2DBackpropFilter', dwInputs, dwAttrs)}: relative error ${dw.relErr}`);
    assert.is(dw.nativeCalls, 1);
  }
});

backprop("the seed CNN's layer shapes", async () => {
  if (!native) return;
  const r = rng(5);
  for (const [H, C, OC] of [
    [32, 3, 32],
    [15, 32, 64],
  ] as const) {
    const O = H - 2;
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
    const dy = randomTensor(r, [4, O, O, OC]);
    const dw = await compare(
      'Conv2DBackpropFilter',
      { x: randomTensor(r, [4, H, H, C]), dy },
      { ...attrs, filterShape: [3, 3, C, OC] },
    );
    assert.ok(dw.relErr <= TOL, `filter grad ${H}x${H}x${C}: ${dw.relErr}`);
    const dx = await compare(
      'Conv2DBackpropInput',
      { dy, filter: randomTensor(r, [3, 3, C, OC]) },
      { ...attrs, inputShape: [4, H, H, C] },
    );
    assert.ok(dx.relErr <= TOL, `input grad ${H}x${H}x${C}: ${dx.relErr}`);
  }
});

backprop.run();
