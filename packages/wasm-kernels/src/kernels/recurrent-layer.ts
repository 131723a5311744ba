// What both fused recurrent kernels read from their inputs and attributes, checked: the sizes, the activations,
// the direction and the mask. The kernels are ours (@tfyaml/model-compiler calls them only for inputs they cover), so
// a call outside the contract is a caller's bug and throws, naming the input and the shape expected; there is no
// stock kernel to fall back to. Messages match @tfyaml/native-kernels' twin.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { ACTIVATIONS, slopeOf } from './recurrent-activations.ts';
import type { Activation, Slope } from './recurrent-activations.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

/** The cell kinds, their gate counts and the tensors the forward saves for the gradient (time-major). */
export const KINDS = {
  lstm: { name: 'TfyamlLSTM', gates: 4, saved: ['states', 'cells', 'gates'] },
  gru: { name: 'TfyamlGRU', gates: 3, saved: ['states', 'gates'] },
  simpleRNN: { name: 'TfyamlSimpleRNN', gates: 1, saved: ['states'] },
} as const;
export type Kind = keyof typeof KINDS;

export interface Layer {
  kind: Kind;
  B: number;
  T: number;
  I: number;
  U: number;
  /** G·U: the width of the kernels and of a step's gates. */
  GU: number;
  act: Activation;
  ract: Activation;
  dAct: Slope;
  dRact: Slope;
  backwards: boolean;
  sequences: boolean;
  /** [B, T]: whether sample b's step t counts; null without a mask. */
  mask: Uint8Array | null;
}

/** The input's time index of the k-th processed step. */
export const timeOf = (l: Layer, k: number): number => (l.backwards ? l.T - 1 - k : k);
export const counts = (l: Layer, b: number, t: number): boolean => l.mask === null || l.mask[b * l.T + t] === 1;

export function input(name: string, args: KernelArgs, key: string): TensorInfo {
  const t = args.inputs[key];
  if (t === undefined) throw new TypeError(`${name}: input ${key} is missing`);
  if (t.dtype !== 'float32') throw new TypeError(`${name}: ${key} must be float32, got ${t.dtype}`);
  return t;
}

export function expectShape(name: string, key: string, t: TensorInfo, expected: number[]): void {
  if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
    throw new RangeError(`${name}: ${key} must have shape [${expected}], got [${t.shape}]`);
  }
}

function activation(name: string, args: KernelArgs, key: string): Activation {
  const value = args.attrs?.[key];
  if (!(ACTIVATIONS as readonly unknown[]).includes(value)) {
    throw new RangeError(`${name}: ${key} ${JSON.stringify(value)} is not one of ${ACTIVATIONS.join(', ')}`);
  }
  return value as Activation;
}

/** The layer of a forward or gradient call, from x, kernel, recurrentKernel, mask and the attributes. */
export function readLayer(name: string, kind: Kind, args: KernelArgs): Layer {
  const G = KINDS[kind].gates;
  const x = input(name, args, 'x');
  if (x.shape.length !== 3 || x.shape.some((d) => d < 1)) {
    throw new RangeError(`${name}: x must have shape [batch, time, features], each at least 1, got [${x.shape}]`);
  }
  const [B, T, I] = x.shape as [number, number, number];
  const kernel = input(name, args, 'kernel');
  const width = kernel.shape[1] ?? 0;
  if (kernel.shape.length !== 2 || kernel.shape[0] !== I || width < G || width % G !== 0) {
    throw new RangeError(`${name}: kernel must have shape [${I}, ${G}·units], got [${kernel.shape}]`);
  }
  const U = width / G;
  expectShape(name, 'recurrentKernel', input(name, args, 'recurrentKernel'), [U, G * U]);
  const act = activation(name, args, 'activation');
  const ract = activation(name, args, 'recurrentActivation');
  return {
    kind,
    B,
    T,
    I,
    U,
    GU: G * U,
    act,
    ract,
    dAct: slopeOf(act),
    dRact: slopeOf(ract),
    backwards: Boolean(args.attrs?.['goBackwards']),
    sequences: Boolean(args.attrs?.['returnSequences']),
    mask: readMask(name, args, B, T),
  };
}

/** The mask as 0/1 bytes (any dtype: a bool or float mask; nonzero counts), copied off the heap. */
function readMask(name: string, args: KernelArgs, B: number, T: number): Uint8Array | null {
  const mask = args.inputs['mask'];
  if (mask === undefined) return null;
  expectShape(name, 'mask', mask, [B, T]);
  const values = (args.backend as BackendWasm).typedArrayFromHeap(mask);
  return Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
}

/** The layer's output shape: [B, T, U] with returnSequences, else [B, U]. */
export const outputShape = (l: Layer): number[] => (l.sequences ? [l.B, l.T, l.U] : [l.B, l.U]);

/** The saved tensors' shapes, in KINDS' order: gates [T, B, G·U], the others [T, B, U]. */
export const savedShapes = (l: Layer): number[][] =>
  KINDS[l.kind].saved.map((key) => (key === 'gates' ? [l.T, l.B, l.GU] : [l.T, l.B, l.U]));
