// TfyamlReluBiasGrad (native/relu_bias_grad.cc): the gradient of relu(conv + bias) up to the convolution in one pass,
// [dy · step(y), that summed over every axis but the last]. Not a tfjs kernel but ours: @tfyaml/model-compiler's
// Conv2D layer calls it from its gradient when the backend registers it, so a call outside the contract is a
// caller's bug and throws instead of falling back.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { floats, size } from './_util.ts';
import type { NativeArgs } from './_util.ts';

const NAME = 'TfyamlReluBiasGrad';

function reluBiasGrad({ inputs, backend }: NativeArgs): TensorInfo[] {
  const { dy, y } = inputs;
  if (dy === undefined || y === undefined) throw new TypeError(`${NAME}: inputs dy and y are required`);
  const same = dy.shape.length === y.shape.length && dy.shape.every((d, i) => d === y.shape[i]);
  if (!same || dy.shape.length < 1) {
    throw new RangeError(`${NAME}: dy and y must have one shape of rank ≥ 1, got [${dy.shape}] and [${y.shape}]`);
  }
  const dyValues = floats(backend, dy);
  const yValues = floats(backend, y);
  if (!dyValues || !yValues) throw new TypeError(`${NAME}: dy and y must be non-empty float32 tensors`);
  const channels = dy.shape[dy.shape.length - 1]!;
  const masked = backend.alloc(size(dy.shape));
  const dBias = backend.alloc(channels);
  backend.addon.reluBiasGrad(dyValues, yValues, masked, dBias, [size(dy.shape) / channels, channels]);
  return [backend.makeTensorInfo(dy.shape, 'float32', masked), backend.makeTensorInfo([channels], 'float32', dBias)];
}

/** Our conv-gradient kernel (model-compiler's Conv2D layer's) by name. */
export const CONV_GRAD_KERNELS: Readonly<Record<string, (args: NativeArgs) => TensorInfo[]>> = { [NAME]: reluBiasGrad };

/** Its row of KERNEL_COVERAGE. */
export const CONV_GRAD_COVERAGE = [
  {
    kernel: NAME,
    note: 'ours: relu gradient and bias gradient of a conv2d layer in one pass (per-thread channel sums)',
  },
];
