// Random and malformed arguments to every addon function: each call must return or throw a JS error. A crash
// would end the process, failing the run.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { int, nativeOrSkip, pick, rng } from './parity.testkit.ts';
import type { NativeAddon } from './addon.ts';

const addon = nativeOrSkip('addon fuzzing');
const CALLS = 150;

type Gen = (r: () => number) => unknown[];

/** A Float32Array of about `n` elements: usually exactly n, sometimes off by one, rarely another type. */
function array(r: () => number, n: number): unknown {
  const roll = r();
  if (roll < 0.04) return pick(r, [null, undefined, 3, 'x', {}, [1, 2], new Float64Array(n), new Int32Array(n)]);
  const length = roll < 0.2 ? Math.max(0, n + pick(r, [-1, 1])) : n;
  return new Float32Array(length).map(() => r() * 2 - 1);
}

/** Integers that usually make sense, sometimes not (0, negative, huge, fractional, NaN). */
function dims(r: () => number, values: number[]): unknown {
  if (r() < 0.03) return pick(r, [undefined, 'shape', 5, {}]);
  return values.map((v) => (r() < 0.05 ? pick(r, [0, -1, 2 ** 40, 1.5, NaN, Infinity, 1e9]) : v));
}

function convGen(kind: 'fwd' | 'dx' | 'dw'): Gen {
  return (r) => {
    const [N, C, OC, KH, KW, S, D] = [
      int(r, 1, 3),
      int(r, 1, 4),
      int(r, 1, 4),
      int(r, 1, 3),
      int(r, 1, 3),
      int(r, 1, 2),
      int(r, 1, 2),
    ];
    const [H, W] = [int(r, 1, 7), int(r, 1, 7)];
    const [PT, PL, PB, PR] = [int(r, 0, 1), int(r, 0, 1), int(r, 0, 1), int(r, 0, 1)];
    const OH = Math.floor((H + PT + PB - ((KH - 1) * D + 1)) / S) + 1 + (r() < 0.1 ? 1 : 0);
    const OW = Math.floor((W + PL + PR - ((KW - 1) * D + 1)) / S) + 1;
    const shape = dims(r, [N, H, W, C, OC, KH, KW, OH, OW, S, S, D, D, PT, PL, PB, PR]);
    const x = array(r, N * H * W * C),
      w = array(r, KH * KW * C * OC),
      y = array(r, N * Math.max(OH, 0) * Math.max(OW, 0) * OC);
    if (kind === 'fwd') return [x, w, r() < 0.5 ? null : array(r, OC), y, shape, int(r, 0, 1)];
    return kind === 'dx' ? [y, w, x, shape] : [x, y, w, shape];
  };
}

/** Depthwise: filter [KH, KW, C, M], output channels C·M. */
function depthwiseGen(kind: 'fwd' | 'dx' | 'dw'): Gen {
  return (r) => {
    const [N, C, M, KH, KW, S, D] = [
      int(r, 1, 3),
      int(r, 1, 4),
      int(r, 1, 3),
      int(r, 1, 3),
      int(r, 1, 3),
      int(r, 1, 2),
      int(r, 1, 2),
    ];
    const [H, W, OC] = [int(r, 1, 7), int(r, 1, 7), r() < 0.1 ? C * M + 1 : C * M];
    const [PT, PL, PB, PR] = [int(r, 0, 1), int(r, 0, 1), int(r, 0, 1), int(r, 0, 1)];
    const OH = Math.floor((H + PT + PB - ((KH - 1) * D + 1)) / S) + 1 + (r() < 0.1 ? 1 : 0);
    const OW = Math.floor((W + PL + PR - ((KW - 1) * D + 1)) / S) + 1;
    const shape = dims(r, [N, H, W, C, OC, KH, KW, OH, OW, S, S, D, D, PT, PL, PB, PR]);
    const x = array(r, N * H * W * C),
      w = array(r, KH * KW * C * M),
      y = array(r, N * Math.max(OH, 0) * Math.max(OW, 0) * OC);
    if (kind === 'fwd') return [x, w, null, y, shape, 0];
    return kind === 'dx' ? [y, w, x, shape] : [x, y, w, shape];
  };
}

const poolGen =
  (grad: 'max' | 'avg' | false): Gen =>
  (r) => {
    const [N, H, W, C, KH, KW, S] = [
      int(r, 1, 3),
      int(r, 1, 8),
      int(r, 1, 8),
      int(r, 1, 4),
      int(r, 1, 3),
      int(r, 1, 3),
      int(r, 1, 3),
    ];
    const OH = int(r, 1, Math.ceil(H / S)),
      OW = int(r, 1, Math.ceil(W / S));
    const shape = dims(r, [N, H, W, C, KH, KW, OH, OW, S, S, int(r, 0, KH - 1), int(r, 0, KW - 1)]);
    const x = array(r, N * H * W * C),
      y = array(r, N * OH * OW * C);
    if (grad === 'max') return [y, x, array(r, N * H * W * C), shape];
    return grad === 'avg' ? [y, x, shape] : [x, y, shape];
  };

const copyGen: Gen = (r) => {
  const rank = int(r, 1, 4);
  const shape = Array.from({ length: rank }, () => int(r, 0, 4));
  const strides = shape.map(() => pick(r, [0, 1, 2, 5, 30]));
  // Negative x strides (Reverse) read backwards from the offset.
  const xStrides = strides.map((s) => (r() < 0.3 ? -s : s));
  const xLength = int(r, 0, 80),
    outLength = int(r, 0, 80);
  return [
    array(r, xLength),
    int(r, 0, 10),
    dims(r, xStrides),
    array(r, outLength),
    int(r, 0, 10),
    dims(
      r,
      strides.map((s) => s + 1),
    ),
    dims(r, shape),
  ];
};

const GENERATORS: Record<keyof Omit<NativeAddon, 'info'>, Gen> = {
  setThreads: (r) => [pick(r, [1, 2, 0, -3, 1.5, 'two', undefined, 5000])],
  conv2d: convGen('fwd'),
  conv2dBackpropInput: convGen('dx'),
  conv2dBackpropFilter: convGen('dw'),
  matmul: (r) => {
    const [BA, BB, M, K, N] = [pick(r, [1, 2, 3]), pick(r, [1, 2, 3]), int(r, 1, 6), int(r, 1, 6), int(r, 1, 6)];
    return [
      array(r, BA * M * K),
      array(r, BB * K * N),
      r() < 0.5 ? null : array(r, N),
      array(r, Math.max(BA, BB) * M * N),
      dims(r, [BA, BB, M, K, N, int(r, 0, 1), int(r, 0, 1), int(r, 0, 1)]),
    ];
  },
  maxPool: poolGen(false),
  avgPool: poolGen(false),
  maxPoolGrad: poolGen('max'),
  avgPoolGrad: poolGen('avg'),
  unary: (r) => {
    const n = int(r, 0, 40);
    return [pick(r, [0, 1, 5, 12, 13, 14, -1, 2.5]), array(r, n), array(r, n), r(), pick(r, [r(), undefined])];
  },
  binary: (r) => {
    const a = [int(r, 1, 3), int(r, 1, 3)],
      b = [a[1]!],
      out = [...a];
    return [
      int(r, -1, 6),
      array(r, a[0]! * a[1]!),
      dims(r, a),
      array(r, b[0]!),
      dims(r, b),
      array(r, out[0]! * out[1]!),
      dims(r, out),
    ];
  },
  sum: (r) => {
    const [o, d, i] = [int(r, 0, 4), int(r, 0, 4), int(r, 0, 4)];
    return [array(r, o * d * i), array(r, o * i), dims(r, [o, d, i])];
  },
  softmax: (r) => {
    const [rows, cols] = [int(r, 0, 4), int(r, 0, 5)];
    return [array(r, rows * cols), array(r, rows * cols), dims(r, [rows, cols])];
  },
  depthwiseConv2d: depthwiseGen('fwd'),
  depthwiseConv2dBackpropInput: depthwiseGen('dx'),
  depthwiseConv2dBackpropFilter: depthwiseGen('dw'),
  copy: copyGen,
  rows: (r) => {
    const [rows, count] = [int(r, 0, 4), int(r, 0, 3)];
    const widths = Array.from({ length: count }, () => int(r, 0, 4));
    const parts = widths.map((w) => array(r, rows * w));
    const total = widths.reduce((a, b) => a + b, 0);
    return [
      int(r, -1, 2),
      array(r, rows * total),
      r() < 0.05 ? 'parts' : parts,
      dims(r, widths),
      pick(r, [rows, rows, -1, 2.5]),
    ];
  },
  max: (r) => {
    const [o, d, i] = [int(r, 0, 4), int(r, 0, 4), int(r, 0, 4)];
    return [array(r, o * d * i), array(r, o * i), dims(r, [o, d, i])];
  },
  segmentSum: (r) => {
    const [rows, size, segments] = [int(r, 0, 6), int(r, 0, 4), int(r, 0, 5)];
    const ids = Int32Array.from({ length: rows }, () => int(r, -1, segments));
    return [
      array(r, rows * size),
      r() < 0.9 ? ids : new Float32Array(rows),
      array(r, segments * size),
      dims(r, [rows, size, segments]),
    ];
  },
  batchNorm: (r) => {
    const [rows, c] = [int(r, 0, 4), int(r, 1, 4)];
    const param = () => (r() < 0.2 ? null : array(r, pick(r, [1, c])));
    return [
      array(r, rows * c),
      array(r, pick(r, [1, c])),
      array(r, c),
      param(),
      param(),
      array(r, rows * c),
      pick(r, [c, 0, c + 1]),
      r(),
    ];
  },
  compare: (r) => {
    const op = int(r, -1, 8),
      logical = op >= 6;
    const a = [int(r, 1, 3), int(r, 1, 3)],
      b = [a[1]!];
    const side = (n: number) => (logical && r() < 0.9 ? new Uint8Array(n) : array(r, n));
    return [
      op,
      side(a[0]! * a[1]!),
      dims(r, a),
      side(b[0]!),
      dims(r, b),
      r() < 0.9 ? new Uint8Array(a[0]! * a[1]!) : array(r, 4),
      dims(r, a),
    ];
  },
  select: (r) => {
    const n = int(r, 0, 20);
    return [r() < 0.9 ? new Uint8Array(n) : array(r, n), array(r, n), array(r, n), array(r, n)];
  },
  resizeNearest: (r) => {
    const [N, H, W, C, OH, OW] = [int(r, 1, 2), int(r, 1, 5), int(r, 1, 5), int(r, 1, 3), int(r, 1, 9), int(r, 1, 9)];
    return [
      array(r, N * H * W * C),
      array(r, N * OH * OW * C),
      dims(r, [N, H, W, C, OH, OW]),
      int(r, 0, 1),
      pick(r, [0, 1, 2]),
    ];
  },
  resizeNearestGrad: (r) => {
    const [N, H, W, C, OH, OW] = [int(r, 1, 2), int(r, 1, 5), int(r, 1, 5), int(r, 1, 3), int(r, 1, 9), int(r, 1, 9)];
    return [array(r, N * OH * OW * C), array(r, N * H * W * C), dims(r, [N, H, W, C, OH, OW]), pick(r, [0, 1, 3])];
  },
  gather: (r) => {
    const [rows, size, n] = [int(r, 1, 5), int(r, 1, 4), int(r, 0, 5)];
    const indices = Int32Array.from({ length: n }, () => int(r, -1, rows));
    return [
      array(r, rows * size),
      r() < 0.9 ? indices : new Float32Array(n),
      array(r, n * size),
      dims(r, [rows, size]),
    ];
  },
  argMax: (r) => {
    const [o, d, i] = [int(r, 0, 4), int(r, 0, 4), int(r, 0, 4)];
    return [array(r, o * d * i), r() < 0.9 ? new Int32Array(o * i) : array(r, o * i), dims(r, [o, d, i])];
  },
  oneHot: (r) => {
    const [n, depth] = [int(r, 0, 6), int(r, 0, 5)];
    const indices = Int32Array.from({ length: n }, () => int(r, -2, depth + 1));
    const out = r() < 0.5 ? new Int32Array(n * depth) : array(r, n * depth);
    return [r() < 0.9 ? indices : array(r, n), out, pick(r, [depth, depth, -1, 1.5]), 1, pick(r, [0, 'off'])];
  },
  optimizerUpdate: (r) => {
    const kind = int(r, -1, 7);
    const n = int(r, 0, 30);
    // Slots and parameters per kind (sgd, momentum, adam, rmsprop, adagrad, adadelta, adamax); -1 and 7 are no kind.
    const slots = [0, 0, 1, 2, 2, 1, 2, 2, 0][kind + 1]!;
    const params = Array.from({ length: [1, 1, 3, 9, 6, 2, 4, 5, 1][kind + 1]! }, () => r());
    return [
      kind,
      array(r, n),
      array(r, n),
      Array.from({ length: slots }, () => array(r, n)),
      r() < 0.9 ? Array.from({ length: slots + 1 }, () => array(r, n)) : [array(r, n)],
      r() < 0.9 ? params : [...params, 'x'],
    ];
  },
  recurrentForward: (r) => {
    const { kind, B, T, I, U, GU, mask, shape, flags } = recurrentArgs(r);
    const saved = [[T * B * U, T * B * U, T * B * GU], [T * B * U, T * B * GU], [T * B * U]][kind] ?? [];
    const outs = [B * U, ...saved].map((n) => array(r, n));
    return [kind, array(r, B * T * I), array(r, I * GU), array(r, U * GU), array(r, GU), mask, outs, shape, flags];
  },
  recurrentBackward: (r) => {
    const { kind, B, T, I, U, GU, mask, shape, flags } = recurrentArgs(r);
    const saved = [[T * B * U, T * B * U, T * B * GU], [T * B * U, T * B * GU], [T * B * U]][kind] ?? [];
    const outs = [B * T * I, I * GU, U * GU, GU].map((n) => array(r, n));
    const x = array(r, B * T * I);
    return [
      kind,
      array(r, B * U),
      x,
      array(r, I * GU),
      array(r, U * GU),
      mask,
      saved.map((n) => array(r, n)),
      outs,
      shape,
      flags,
    ];
  },
  reluBiasGrad: (r) => {
    const [rows, channels] = [int(r, 0, 9), int(r, 0, 5)];
    const n = rows * channels;
    return [array(r, n), array(r, n), array(r, n), array(r, channels), dims(r, [rows, channels])];
  },
};

/** Shared arguments of the recurrent kernels: kind (-1 and 3 are none), sizes, mask, shape, flags (returnSequences off). */
function recurrentArgs(r: () => number) {
  const kind = int(r, -1, 3);
  const [B, T, I, U] = [int(r, 1, 3), int(r, 1, 4), int(r, 1, 3), int(r, 1, 3)];
  const GU = ([4, 3, 1][kind] ?? 1) * U;
  const mask = r() < 0.5 ? null : array(r, B * T);
  const flags = [int(r, 0, 5), int(r, 0, 4), int(r, 0, 1), pick(r, [0, 0, 0, 2])];
  return { kind, B, T, I, U, GU, mask, shape: dims(r, [B, T, I, U]), flags };
}

const fuzz = suite('addon :: bad or random input throws a JS error, never crashes');

for (const [name, gen] of Object.entries(GENERATORS)) {
  fuzz(`${name}: ${CALLS} random calls`, () => {
    if (!addon) return;
    const r = rng(name.length * 1009 + name.charCodeAt(0));
    const fn = (addon as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    let ok = 0,
      thrown = 0;
    for (let i = 0; i < CALLS; i++) {
      try {
        fn(...gen(r));
        ok++;
      } catch (error) {
        assert.instance(error, Error, `${name} threw a non-Error: ${String(error)}`);
        assert.match((error as Error).message, new RegExp(`^${name === 'setThreads' ? 'setThreads' : '\\w+'}: `));
        thrown++;
      }
    }
    assert.ok(
      ok > 0 && thrown > 0,
      `${name}: ${ok} calls succeeded, ${thrown} threw; the generator tests only one side`,
    );
  });
}

fuzz.run();
