// Fused optimizer updates (native/optimizer.cc): one C++ pass per weight writes its new value and slots. These are
// not tfjs kernels but ours, called by @tfyaml/model-compiler's optimizers when the backend registers them; that
// package declares the names and each kernel's inputs, attributes and outputs (training/fused-kernels.ts), and
// src/optimizers.test.ts checks that the names below are the same. Inputs that are not real Float32Arrays are
// copied into one (no stock kernel exists to fall back to).
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBackend } from '../backend.ts';
import { floats, size } from './_util.ts';
import type { NativeArgs } from './_util.ts';

/** The op codes of native/optimizer.cc. */
const KIND = { sgd: 0, momentum: 1, adam: 2, rmsprop: 3, adagrad: 4, adadelta: 5, adamax: 6 } as const;

/** A fused update: its outputs (new value, new slots), always native. */
export type FusedUpdate = (args: NativeArgs) => TensorInfo[];

function values(backend: NativeBackend, t: TensorInfo | undefined, name: string): Float32Array {
  if (t === undefined) throw new TypeError(`fused optimizer update: input ${name} is missing`);
  return floats(backend, t) ?? Float32Array.from(backend.data.get(t.dataId).values as ArrayLike<number>);
}

/** A float32 scalar input's value. */
function scalar(backend: NativeBackend, t: TensorInfo | undefined, name: string): number {
  const v = values(backend, t, name);
  if (v.length !== 1) throw new RangeError(`fused optimizer update: ${name} must be a scalar, got shape [${t!.shape}]`);
  return v[0]!;
}

function fused(
  kind: keyof typeof KIND,
  slotNames: (attrs: Record<string, unknown>) => string[],
  params: (args: NativeArgs) => number[],
): FusedUpdate {
  return (args) => {
    const { inputs, backend } = args;
    const attrs = (args.attrs ?? {}) as Record<string, unknown>;
    const value = inputs['value']!;
    const gradient = values(backend, inputs['gradient'], 'gradient');
    const slots = slotNames(attrs).map((name) => values(backend, inputs[name], name));
    const outs = [value, ...slots].map(() => backend.alloc(size(value.shape)));
    backend.addon.optimizerUpdate(KIND[kind], gradient, values(backend, value, 'value'), slots, outs, params(args));
    return outs.map((out) => backend.makeTensorInfo(value.shape, 'float32', out));
  };
}

const number = (attrs: unknown, key: string): number => Number((attrs as Record<string, unknown>)[key]);

const sgd = fused(
  'sgd',
  () => [],
  ({ inputs, backend }) => [scalar(backend, inputs['c'], 'c')],
);

const momentum = fused(
  'momentum',
  () => ['accumulation'],
  ({ inputs, backend, attrs }) => [
    scalar(backend, inputs['c'], 'c'),
    scalar(backend, inputs['m'], 'm'),
    (attrs as { useNesterov?: boolean }).useNesterov ? 1 : 0,
  ],
);

const adam = fused(
  'adam',
  () => ['m', 'v'],
  ({ inputs, backend, attrs }) => {
    const [beta1, beta2] = [number(attrs, 'beta1'), number(attrs, 'beta2')];
    // tfjs: sub(1, accBeta) on float32 tensors; 1 − beta and −learningRate become float32 scalars.
    const corrections = ['accBeta1', 'accBeta2'].map((k) => Math.fround(1 - scalar(backend, inputs[k], k)));
    return [
      beta1,
      1 - beta1,
      beta2,
      1 - beta2,
      ...corrections,
      number(attrs, 'epsilon'),
      -number(attrs, 'learningRate'),
      number(attrs, 'weightFactor'),
    ];
  },
);

const rmsprop = fused(
  'rmsprop',
  (attrs) => (attrs['centered'] ? ['meanSquare', 'moment', 'meanGrad'] : ['meanSquare', 'moment']),
  ({ attrs }) => {
    const decay = number(attrs, 'decay');
    return [
      decay,
      1 - decay,
      number(attrs, 'momentum'),
      number(attrs, 'learningRate'),
      number(attrs, 'epsilon'),
      (attrs as { centered?: boolean }).centered ? 1 : 0,
    ];
  },
);

const adagrad = fused(
  'adagrad',
  () => ['accumulator'],
  ({ attrs }) => [-number(attrs, 'learningRate'), number(attrs, 'epsilon')],
);

const adadelta = fused(
  'adadelta',
  () => ['accumulatedGrad', 'accumulatedUpdate'],
  ({ attrs }) => {
    const rho = number(attrs, 'rho');
    return [rho, 1 - rho, number(attrs, 'epsilon'), -number(attrs, 'learningRate')];
  },
);

const adamax = fused(
  'adamax',
  () => ['m', 'v'],
  ({ inputs, backend, attrs }) => {
    const beta1 = number(attrs, 'beta1');
    // tfjs, on float32 scalars: lr = −learningRate / (iteration · decay + 1), then lr / (1 − accBeta1).
    const f = Math.fround;
    const iteration = scalar(backend, inputs['iteration'], 'iteration');
    const lr = f(f(-number(attrs, 'learningRate')) / f(f(iteration * f(number(attrs, 'decay'))) + 1));
    const factor = f(lr / f(1 - scalar(backend, inputs['accBeta1'], 'accBeta1')));
    return [beta1, 1 - beta1, number(attrs, 'beta2'), number(attrs, 'epsilon'), factor];
  },
);

const FUSED_UPDATE_LIST: readonly { kernel: string; run: FusedUpdate; note: string }[] = [
  { kernel: 'TfyamlSgdUpdate', run: sgd, note: "ours: SGD's 2 kernels per weight as one C++ pass" },
  {
    kernel: 'TfyamlMomentumUpdate',
    run: momentum,
    note: "ours: Momentum's 4 (Nesterov 6) kernels per weight in one pass",
  },
  {
    kernel: 'TfyamlAdamUpdate',
    run: adam,
    note: "ours: Adam's 14 kernels per weight (and AdamW's decay) in one pass",
  },
  {
    kernel: 'TfyamlRMSPropUpdate',
    run: rmsprop,
    note: "ours: RMSProp's 11 (centered 16) kernels per weight in one pass",
  },
  { kernel: 'TfyamlAdagradUpdate', run: adagrad, note: "ours: Adagrad's 7 kernels per weight in one pass" },
  { kernel: 'TfyamlAdadeltaUpdate', run: adadelta, note: "ours: Adadelta's 16 kernels per weight in one pass" },
  { kernel: 'TfyamlAdamaxUpdate', run: adamax, note: "ours: Adamax's 11 kernels per weight in one pass" },
];

/** Our kernel names (model-compiler's FUSED_UPDATE_KERNELS) and their implementations. */
export const FUSED_UPDATES: Readonly<Record<string, FusedUpdate>> = Object.fromEntries(
  FUSED_UPDATE_LIST.map(({ kernel, run }) => [kernel, run]),
);

/** The fused updates' rows of KERNEL_COVERAGE. */
export const FUSED_UPDATE_COVERAGE = FUSED_UPDATE_LIST.map(({ kernel, note }) => ({ kernel, note }));
