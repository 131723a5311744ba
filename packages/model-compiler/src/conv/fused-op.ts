// conv2d + bias + relu as one op on the tape: tfjs's FusedConv2D kernel, which tfjs-core only runs under a gradient
// tape for linear activations (through its own customGrad), called directly with relu, and a gradient registered
// for it here: one TfyamlReluBiasGrad pass (masked dy and the bias gradient), then the conv backprop kernels, each
// only when needed (a first layer's input needs none). Instead of tfjs's Conv2D, Add, Relu forward and Step,
// Multiply, Sum backward.
import * as tf from '@tensorflow/tfjs-core';
import { FUSED_CONV_KERNELS } from './fused-kernels.ts';

export interface FusedConvAttrs {
  strides: [number, number];
  pad: 'valid' | 'same';
}

/** Whether the current backend runs the fused forward and our gradient kernel. */
export function fusedConvAvailable(): boolean {
  const backend = tf.getBackend();
  return Object.values(FUSED_CONV_KERNELS).every((name) => tf.getKernel(name, backend) !== undefined);
}

function run(kernel: string, inputs: Record<string, tf.Tensor>, attrs: object = {}): tf.Tensor[] {
  const out = tf.engine().runKernel(kernel, inputs as never, attrs as never) as tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}

/** relu(conv2d(x, filter) + bias), NHWC, dilation 1 (tfjs's conv gradients have no dilation). */
export function fusedConvBiasRelu(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D,
  { strides, pad }: FusedConvAttrs,
): tf.Tensor4D {
  registerGradient();
  const attrs = { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu' };
  return run(FUSED_CONV_KERNELS.forward, { x, filter, bias }, attrs)[0] as tf.Tensor4D;
}

let registered = false;

/** FusedConv2D has no gradient in tfjs (its op differentiates through a customGrad); this one covers our calls. */
function registerGradient(): void {
  if (registered) return;
  tf.registerGradient({
    kernelName: FUSED_CONV_KERNELS.forward,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const { strides, pad, dataFormat, activation } = attrs as { activation: string } & Record<string, unknown>;
      if (activation !== 'relu' || dataFormat !== 'NHWC') {
        throw new Error(`FusedConv2D gradient: only model-compiler's relu NHWC calls have one, got ${activation}`);
      }
      // Computed here, not in the thunks: tfjs runs each thunk in its own tidy, and dx and dFilter both read it.
      const [masked, dBias] = run(FUSED_CONV_KERNELS.reluBiasGrad, { dy: dy as tf.Tensor, y });
      const conv = { strides, pad, dataFormat };
      return {
        x: () => run('Conv2DBackpropInput', { dy: masked!, filter }, { ...conv, inputShape: x.shape })[0]!,
        filter: () => run('Conv2DBackpropFilter', { x, dy: masked! }, { ...conv, filterShape: filter.shape })[0]!,
        bias: () => dBias!,
      };
    },
  });
  registered = true;
}
