import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import {
  compareWithCpu,
  init,
  int,
  padName,
  pick,
  randomTensor,
  readable,
  relErr,
  rng,
  runKernel,
  TOL,
} from '../parity.testkit.ts';
import type { HostTensor, Pad } from '../parity.testkit.ts';

const test = suite('MaxPoolGrad');
test.before(init);

type PoolCase = {
  name: string;
  B: number;
  H: number;
  W: number;
  C: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pad: Pad;
};

/** Brute force: each window's gradient goes to its first maximum (row-major window order), seeded at −∞. */
function reference(x: HostTensor, dy: HostTensor, c: PoolCase): Float32Array {
  const info = tf.backend_util.computePool2DInfo([c.B, c.H, c.W, c.C], [c.kh, c.kw], [c.sh, c.sw], 1, c.pad);
  const dx = new Float64Array(x.values.length);
  for (let b = 0; b < c.B; b++)
    for (let i = 0; i < info.outHeight; i++)
      for (let j = 0; j < info.outWidth; j++) {
        for (let ch = 0; ch < c.C; ch++) {
          let best = -Infinity,
            arg = -1;
          for (let p = 0; p < c.kh; p++)
            for (let q = 0; q < c.kw; q++) {
              const y = i * c.sh + p - info.padInfo.top,
                xx = j * c.sw + q - info.padInfo.left;
              if (y < 0 || y >= c.H || xx < 0 || xx >= c.W) continue;
              const k = ((b * c.H + y) * c.W + xx) * c.C + ch;
              if (x.values[k]! > best) {
                best = x.values[k]!;
                arg = k;
              }
            }
          if (arg >= 0) dx[arg]! += dy.values[((b * info.outHeight + i) * info.outWidth + j) * c.C + ch]!;
        }
      }
  return Float32Array.from(dx);
}

function inputs(
  c: PoolCase,
  seed: number,
  lo: number,
  hi: number,
  relu = false,
): { x: HostTensor; dy: HostTensor; attrs: tf.NamedAttrMap } {
  const r = rng(seed);
  const x = randomTensor(r, [c.B, c.H, c.W, c.C], lo, hi);
  if (relu) for (let k = 0; k < x.values.length; k++) x.values[k] = Math.max(0, x.values[k]!);
  const info = tf.backend_util.computePool2DInfo([c.B, c.H, c.W, c.C], [c.kh, c.kw], [c.sh, c.sw], 1, c.pad);
  const dy = randomTensor(r, info.outShape);
  return { x, dy, attrs: { filterSize: [c.kh, c.kw], strides: [c.sh, c.sw], pad: c.pad } };
}

async function run(c: PoolCase, seed: number, lo: number, hi: number, relu = false) {
  const { x, dy, attrs } = inputs(c, seed, lo, hi, relu);
  // MaxPoolGrad takes the forward output too; neither implementation reads it, but pass the real one.
  const output = await runKernel('cpu', tf.MaxPool, { x }, attrs);
  return { x, dy, c, ...(await compareWithCpu(tf.MaxPoolGrad, { dy, input: x, output }, attrs)) };
}

const base = { B: 2, H: 8, W: 7, C: 3 };
const named: PoolCase[] = [
  { name: '2x2 stride 2 valid', ...base, kh: 2, kw: 2, sh: 2, sw: 2, pad: 'valid' },
  {
    name: '2x2 stride 2 same on odd sizes (padded bottom and right)',
    B: 2,
    H: 7,
    W: 9,
    C: 3,
    kh: 2,
    kw: 2,
    sh: 2,
    sw: 2,
    pad: 'same',
  },
  { name: '3x3 stride 2 same', ...base, kh: 3, kw: 3, sh: 2, sw: 2, pad: 'same' },
  { name: '3x2 stride 1 same (overlapping windows)', ...base, kh: 3, kw: 2, sh: 1, sw: 1, pad: 'same' },
  {
    name: 'explicit padding',
    ...base,
    kh: 3,
    kw: 3,
    sh: 2,
    sw: 1,
    pad: [
      [0, 0],
      [1, 0],
      [2, 1],
      [0, 0],
    ],
  },
];
const r = rng(202);
for (let n = 0; n < 16; n++) {
  const c = {
    B: int(r, 1, 3),
    H: int(r, 5, 12),
    W: int(r, 5, 12),
    C: int(r, 1, 4),
    kh: int(r, 1, 5),
    kw: int(r, 1, 5),
    sh: int(r, 1, 3),
    sw: int(r, 1, 3),
    pad: pick<Pad>(r, ['same', 'valid']),
  };
  named.push({
    name: `random #${n + 1}: ${padName(c.pad)} k${c.kh}x${c.kw} s(${c.sh},${c.sw}) x[${c.B},${c.H},${c.W},${c.C}]`,
    ...c,
  });
}

for (const [k, c] of named.entries()) {
  test(
    `${c.name}: matches cpu`,
    readable(async () => {
      const { err } = await run(c, 300 + k, -1, 1);
      assert.ok(err < TOL, `rel err ${err}`);
    }),
  );
}

// The stock wasm kernel seeds its running max with FLT_MIN (> 0), so these windows go wrong there.
for (const [label, lo, hi, relu] of [
  ['all-negative inputs', -11, -9, false],
  ['post-relu zeros', -1, 0.3, true],
  ['all zeros (relu of negatives)', -2, -1, true],
] as const) {
  for (const c of named.slice(0, 3)) {
    test(
      `${label}, ${c.name}: matches brute-force reference`,
      readable(async () => {
        const { x, dy, wasm, err } = await run(c, 400, lo, hi, relu);
        const e = relErr(wasm.values, reference(x, dy, c));
        assert.ok(e < TOL, `vs reference: rel err ${e}`);
        assert.ok(err < TOL, `vs cpu: rel err ${err}`);
      }),
    );
  }
}

test(
  'ties go to the first maximum in the window, as on cpu',
  readable(async () => {
    const c = named[2]!;
    const { x, dy, attrs } = inputs(c, 500, 0, 1);
    for (let k = 0; k < x.values.length; k++) x.values[k] = Math.round(x.values[k]! * 2); // values 0, 1, 2
    const output = await runKernel('cpu', tf.MaxPool, { x }, attrs);
    const { err, wasm } = await compareWithCpu(tf.MaxPoolGrad, { dy, input: x, output }, attrs);
    assert.ok(err < TOL, `vs cpu: rel err ${err}`);
    assert.ok(relErr(wasm.values, reference(x, dy, c)) < TOL);
  }),
);

test.run();
