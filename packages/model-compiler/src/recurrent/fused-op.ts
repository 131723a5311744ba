// One recurrent layer's sequence as one fused kernel call (fused-kernels.ts), with its gradient: the tape records
// the forward kernel, and backpropagation runs the gradient kernel once for all four weights' and the input's
// gradients.
import * as tf from '@tensorflow/tfjs-core';
import { FUSED_RECURRENT_KERNELS, type RecurrentKind } from './fused-kernels.ts';

export interface FusedRecurrentInputs {
  x: tf.Tensor3D;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  bias: tf.Tensor1D;
  mask: tf.Tensor2D;
}

export interface FusedRecurrentAttrs {
  activation: string;
  recurrentActivation: string;
  goBackwards: boolean;
  returnSequences: boolean;
}

/** Whether the current backend runs `kind`'s fused kernels. */
export function fusedRecurrentAvailable(kind: RecurrentKind): boolean {
  const { forward, gradient } = FUSED_RECURRENT_KERNELS[kind];
  const backend = tf.getBackend();
  return tf.getKernel(forward, backend) !== undefined && tf.getKernel(gradient, backend) !== undefined;
}

/** The layer's output: [B, T, U] with returnSequences, else [B, U]. */
export function fusedRecurrent(
  kind: RecurrentKind,
  inputs: FusedRecurrentInputs,
  attrs: FusedRecurrentAttrs,
): tf.Tensor {
  registerGradient(kind);
  const { forward } = FUSED_RECURRENT_KERNELS[kind];
  const [output] = tf.engine().runKernel(forward, { ...inputs }, { ...attrs }) as tf.Tensor[];
  return output!;
}

const registered = new Set<RecurrentKind>();

function registerGradient(kind: RecurrentKind): void {
  if (registered.has(kind)) return;
  const { forward, gradient, saved } = FUSED_RECURRENT_KERNELS[kind];
  tf.registerGradient({
    kernelName: forward,
    inputsToSave: ['x', 'kernel', 'recurrentKernel', 'mask'],
    outputsToSave: [false, ...saved.map(() => true)],
    gradFunc: (dys, tensors, attrs) => {
      const [x, kernel, recurrentKernel, mask, ...intermediates] = tensors;
      const dy = (Array.isArray(dys) ? dys[0] : dys)!;
      const named = Object.fromEntries(saved.map((name, i) => [name, intermediates[i]!]));
      // Computed here, not in the thunks: tfjs runs each thunk in its own tidy, and one kernel call yields all four.
      const [dx, dKernel, dRecurrentKernel, dBias] = tf.engine().runKernel(
        gradient,
        { dy, x: x!, kernel: kernel!, recurrentKernel: recurrentKernel!, mask: mask!, ...named },
        {
          ...attrs,
        },
      ) as tf.Tensor[];
      return {
        x: () => dx!,
        kernel: () => dKernel!,
        recurrentKernel: () => dRecurrentKernel!,
        bias: () => dBias!,
        mask: () => tf.zerosLike(mask!),
      };
    },
  });
  registered.add(kind);
}
