// Fused recurrent layers (native/recurrent.cc): a whole LSTM, GRU or SimpleRNN sequence forward in one call, and
// backpropagation through time in another. These are not tfjs kernels but ours: @tfyaml/model-compiler's recurrent
// layers call them (with their registered gradient) when the backend registers them, and only for inputs they
// cover, so a call that does not fit the contract is a caller's bug and throws instead of falling back.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBackend } from '../backend.ts';
import { floats, size } from './_util.ts';
import type { NativeArgs } from './_util.ts';

/** The cell kinds of native/recurrent.cc, their gate counts and the tensors the forward saves for the gradient. */
const KINDS = {
  lstm: { code: 0, gates: 4, saved: ['states', 'cells', 'gates'] },
  gru: { code: 1, gates: 3, saved: ['states', 'gates'] },
  simpleRNN: { code: 2, gates: 1, saved: ['states'] },
} as const;
type Kind = keyof typeof KINDS;

/** The activation codes of native/recurrent.cc. */
const ACTIVATIONS = { tanh: 0, sigmoid: 1, hardSigmoid: 2, relu: 3, linear: 4 } as const;

/** A fused recurrent kernel: its outputs, always native. */
export type RecurrentKernel = (args: NativeArgs) => TensorInfo[];

type Dims = { B: number; T: number; I: number; U: number; G: number };

function kernelName(kind: Kind, grad: boolean): string {
  const name = { lstm: 'TfyamlLSTM', gru: 'TfyamlGRU', simpleRNN: 'TfyamlSimpleRNN' }[kind];
  return grad ? `${name}Grad` : name;
}

function input(name: string, inputs: NativeArgs['inputs'], key: string): TensorInfo {
  const t = inputs[key];
  if (t === undefined) throw new TypeError(`${name}: input ${key} is missing`);
  return t;
}

/** The tensor's values as a Float32Array: copied when not float32 (a bool mask), or when float32 in name only. */
function values(backend: NativeBackend, t: TensorInfo): Float32Array {
  return floats(backend, t) ?? Float32Array.from(backend.data.get(t.dataId).values as ArrayLike<number>);
}

function expectShape(name: string, key: string, t: TensorInfo, expected: number[]): void {
  if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
    throw new RangeError(`${name}: ${key} must have shape [${expected}], got [${t.shape}]`);
  }
}

/** B, T, I from x [B, T, I] and U from kernel [I, G·U]; every size at least 1. */
function dims(name: string, kind: Kind, x: TensorInfo, kernel: TensorInfo): Dims {
  const G = KINDS[kind].gates;
  if (x.shape.length !== 3 || x.shape.some((d) => d < 1)) {
    throw new RangeError(`${name}: x must have shape [batch, time, features], each at least 1, got [${x.shape}]`);
  }
  const [B, T, I] = x.shape as [number, number, number];
  const width = kernel.shape[1] ?? 0;
  if (kernel.shape.length !== 2 || kernel.shape[0] !== I || width < G || width % G !== 0) {
    throw new RangeError(`${name}: kernel must have shape [${I}, ${G}·units], got [${kernel.shape}]`);
  }
  return { B, T, I, U: width / G, G };
}

function activation(name: string, attrs: Record<string, unknown>, key: string): number {
  const value = attrs[key];
  const code = ACTIVATIONS[value as keyof typeof ACTIVATIONS];
  if (code === undefined) {
    throw new RangeError(
      `${name}: ${key} ${JSON.stringify(value)} is not one of ${Object.keys(ACTIVATIONS).join(', ')}`,
    );
  }
  return code;
}

/** flags of native/recurrent.cc: [activation, recurrentActivation, goBackwards, returnSequences]. */
function flags(name: string, attrs: Record<string, unknown>): number[] {
  return [
    activation(name, attrs, 'activation'),
    activation(name, attrs, 'recurrentActivation'),
    attrs['goBackwards'] ? 1 : 0,
    attrs['returnSequences'] ? 1 : 0,
  ];
}

/** The shared inputs of both kernels, checked: x, kernel, recurrentKernel and the optional mask. */
function layerInputs(name: string, kind: Kind, args: NativeArgs) {
  const { inputs, backend } = args;
  const attrs = (args.attrs ?? {}) as Record<string, unknown>;
  const x = input(name, inputs, 'x');
  const kernel = input(name, inputs, 'kernel');
  const d = dims(name, kind, x, kernel);
  const recurrentKernel = input(name, inputs, 'recurrentKernel');
  expectShape(name, 'recurrentKernel', recurrentKernel, [d.U, d.G * d.U]);
  const mask = inputs['mask'];
  if (mask !== undefined) expectShape(name, 'mask', mask, [d.B, d.T]);
  const sequences = Boolean(attrs['returnSequences']);
  return {
    d,
    outputShape: sequences ? [d.B, d.T, d.U] : [d.B, d.U],
    flags: flags(name, attrs),
    x: values(backend, x),
    kernel: values(backend, kernel),
    recurrentKernel: values(backend, recurrentKernel),
    mask: mask === undefined ? null : values(backend, mask),
  };
}

function savedShapes(kind: Kind, { B, T, U, G }: Dims): number[][] {
  return KINDS[kind].saved.map((key) => (key === 'gates' ? [T, B, G * U] : [T, B, U]));
}

function forwardKernel(kind: Kind): RecurrentKernel {
  const name = kernelName(kind, false);
  return (args) => {
    const { backend, inputs } = args;
    const l = layerInputs(name, kind, args);
    const { B, T, I, U, G } = l.d;
    const bias = input(name, inputs, 'bias');
    expectShape(name, 'bias', bias, [G * U]);
    const shapes = [l.outputShape, ...savedShapes(kind, l.d)];
    const outs = shapes.map((shape) => backend.alloc(size(shape)));
    backend.addon.recurrentForward(
      KINDS[kind].code,
      l.x,
      l.kernel,
      l.recurrentKernel,
      values(backend, bias),
      l.mask,
      outs,
      [B, T, I, U],
      l.flags,
    );
    return outs.map((out, i) => backend.makeTensorInfo(shapes[i]!, 'float32', out));
  };
}

function gradientKernel(kind: Kind): RecurrentKernel {
  const name = kernelName(kind, true);
  return (args) => {
    const { backend, inputs } = args;
    const l = layerInputs(name, kind, args);
    const { B, T, I, U, G } = l.d;
    const dy = input(name, inputs, 'dy');
    expectShape(name, 'dy', dy, l.outputShape);
    const shapes = savedShapes(kind, l.d);
    const saved = KINDS[kind].saved.map((key, i) => {
      const t = input(name, inputs, key);
      expectShape(name, key, t, shapes[i]!);
      return values(backend, t);
    });
    const outShapes = [[B, T, I], [I, G * U], [U, G * U], [G * U]];
    const outs = outShapes.map((shape) => backend.alloc(size(shape)));
    backend.addon.recurrentBackward(
      KINDS[kind].code,
      values(backend, dy),
      l.x,
      l.kernel,
      l.recurrentKernel,
      l.mask,
      saved,
      outs,
      [B, T, I, U],
      l.flags,
    );
    return outs.map((out, i) => backend.makeTensorInfo(outShapes[i]!, 'float32', out));
  };
}

const RECURRENT_LIST: readonly { kernel: string; run: RecurrentKernel; note: string }[] = (
  Object.keys(KINDS) as Kind[]
).flatMap((kind) => [
  {
    kernel: kernelName(kind, false),
    run: forwardKernel(kind),
    note: `ours: a whole ${kind} sequence in one call (one input GEMM, small recurrence GEMMs per step)`,
  },
  {
    kernel: kernelName(kind, true),
    run: gradientKernel(kind),
    note: `ours: ${kind} backpropagation through time in one call (weight gradients as single GEMMs)`,
  },
]);

/** Our kernel names (model-compiler's recurrent layers') and their implementations. */
export const RECURRENT_KERNELS: Readonly<Record<string, RecurrentKernel>> = Object.fromEntries(
  RECURRENT_LIST.map(({ kernel, run }) => [kernel, run]),
);

/** The recurrent kernels' rows of KERNEL_COVERAGE. */
export const RECURRENT_COVERAGE = RECURRENT_LIST.map(({ kernel, note }) => ({ kernel, note }));
