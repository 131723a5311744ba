// Loads the compiled addon (build/Release/tfyaml_native.node) once. When it is missing (no oneDNN or compiler at
// install time), fails to load (libdnnl removed since), or TFYAML_NATIVE=off, the package is unavailable and says
// why in one line; nothing here throws at import time.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The addon's functions (native/addon.cc). Every array is checked against the shape it comes with. */
export interface NativeAddon {
  info(): { onednn: string; threads: number; processors: number };
  setThreads(threads: number): void;
  conv2d(
    x: Float32Array,
    filter: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    shape: number[],
    relu: 0 | 1,
  ): void;
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, out: Float32Array, shape: number[]): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, out: Float32Array, shape: number[]): void;
  matmul(a: Float32Array, b: Float32Array, bias: Float32Array | null, out: Float32Array, shape: number[]): void;
  maxPool(x: Float32Array, out: Float32Array, shape: number[]): void;
  maxPoolGrad(dy: Float32Array, x: Float32Array, out: Float32Array, shape: number[]): void;
  avgPool(x: Float32Array, out: Float32Array, shape: number[]): void;
  avgPoolGrad(dy: Float32Array, out: Float32Array, shape: number[]): void;
  unary(op: number, x: Float32Array, out: Float32Array, alpha: number, beta: number): void;
  binary(
    op: number,
    a: Float32Array,
    aShape: number[],
    b: Float32Array,
    bShape: number[],
    out: Float32Array,
    outShape: number[],
  ): void;
  sum(x: Float32Array, out: Float32Array, shape: [number, number, number], divisor?: number): void;
  softmax(x: Float32Array, out: Float32Array, shape: [number, number]): void;
  gather(x: Float32Array, indices: Int32Array, out: Float32Array, shape: [number, number]): void;
  depthwiseConv2d(x: Float32Array, filter: Float32Array, bias: null, out: Float32Array, shape: number[], relu: 0): void;
  depthwiseConv2dBackpropInput(dy: Float32Array, filter: Float32Array, out: Float32Array, shape: number[]): void;
  depthwiseConv2dBackpropFilter(x: Float32Array, dy: Float32Array, out: Float32Array, shape: number[]): void;
  copy(
    x: Float32Array,
    xOffset: number,
    xStrides: number[],
    out: Float32Array,
    outOffset: number,
    outStrides: number[],
    shape: number[],
  ): void;
  rows(direction: 0 | 1, whole: Float32Array, parts: Float32Array[], widths: number[], rows: number): void;
  max(x: Float32Array, out: Float32Array, shape: [number, number, number]): void;
  segmentSum(x: Float32Array, segmentIds: Int32Array, out: Float32Array, shape: [number, number, number]): void;
  batchNorm(
    x: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    scale: Float32Array | null,
    offset: Float32Array | null,
    out: Float32Array,
    channels: number,
    epsilon: number,
  ): void;
  compare(
    op: number,
    a: Float32Array | Uint8Array,
    aShape: number[],
    b: Float32Array | Uint8Array,
    bShape: number[],
    out: Uint8Array,
    outShape: number[],
  ): void;
  select(condition: Uint8Array, t: Float32Array, e: Float32Array, out: Float32Array): void;
  resizeNearest(
    x: Float32Array,
    out: Float32Array,
    shape: number[],
    alignCorners: 0 | 1,
    halfPixelCenters: 0 | 1,
  ): void;
  resizeNearestGrad(dy: Float32Array, out: Float32Array, shape: number[], alignCorners: 0 | 1): void;
  argMax(x: Float32Array, out: Int32Array, shape: [number, number, number]): void;
  oneHot(indices: Int32Array, out: Float32Array | Int32Array, depth: number, onValue: number, offValue: number): void;
  optimizerUpdate(
    kind: number,
    gradient: Float32Array,
    value: Float32Array,
    slots: Float32Array[],
    out: Float32Array[],
    params: number[],
  ): void;
  recurrentForward(
    kind: number,
    x: Float32Array,
    kernel: Float32Array,
    recurrentKernel: Float32Array,
    bias: Float32Array,
    mask: Float32Array | null,
    outs: Float32Array[],
    shape: [number, number, number, number],
    flags: number[],
  ): void;
  recurrentBackward(
    kind: number,
    dy: Float32Array,
    x: Float32Array,
    kernel: Float32Array,
    recurrentKernel: Float32Array,
    mask: Float32Array | null,
    saved: Float32Array[],
    outs: Float32Array[],
    shape: [number, number, number, number],
    flags: number[],
  ): void;
  reluBiasGrad(
    dy: Float32Array,
    y: Float32Array,
    dyMasked: Float32Array,
    dBias: Float32Array,
    shape: [number, number],
  ): void;
}

export type Availability = { available: true; addon: NativeAddon } | { available: false; reason: string };

const BUILD = new URL('../build/', import.meta.url);
let loaded: Availability | undefined;

/** The addon, or why there is none. Cached: the first call decides. */
export function loadAddon(): Availability {
  loaded ??= load();
  return loaded;
}

function load(): Availability {
  if (/^(off|0|false)$/i.test(process.env['TFYAML_NATIVE'] ?? '')) {
    return { available: false, reason: `disabled by TFYAML_NATIVE=${process.env['TFYAML_NATIVE']}` };
  }
  const marker = new URL('unavailable.txt', BUILD);
  if (existsSync(marker)) return { available: false, reason: readFileSync(marker, 'utf8').trim() };
  const file = fileURLToPath(new URL('Release/tfyaml_native.node', BUILD));
  if (!existsSync(file)) {
    return { available: false, reason: 'the addon was never built (run `pnpm --filter @tfyaml/native-kernels build`)' };
  }
  // libgomp reads its settings once, when it loads with the addon: sleep rather than spin between kernels,
  // since JS runs between every two kernel calls and a spinning thread competes with it for a core. Restored
  // afterwards, so that child processes keep the user's setting.
  const policy = process.env['OMP_WAIT_POLICY'];
  process.env['OMP_WAIT_POLICY'] = policy ?? 'passive';
  try {
    return { available: true, addon: createRequire(import.meta.url)(file) as NativeAddon };
  } catch (error) {
    return { available: false, reason: `the addon failed to load: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    if (policy === undefined) delete process.env['OMP_WAIT_POLICY'];
  }
}
