// The fused recurrent kernels' rows of the kernel table: not tfjs kernels but ours, the names
// @tfyaml/model-compiler's lstm, gru and simpleRNN layers call (with their registered gradient) when the backend
// registers both of a kind; @tfyaml/native-kernels registers the same six on `native`.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { recurrentBackward } from './recurrent-backward.ts';
import { recurrentForward } from './recurrent-forward.ts';
import { KINDS } from './recurrent-layer.ts';
import type { Kind } from './recurrent-layer.ts';
import type { KernelArgs } from './_call.ts';

export const RECURRENT_KERNELS: readonly { kernel: string; run: (args: KernelArgs) => TensorInfo[]; note: string }[] = (
  Object.keys(KINDS) as Kind[]
).flatMap((kind) => [
  {
    kernel: KINDS[kind].name,
    run: recurrentForward(kind),
    note: `ours: a whole ${kind} sequence in one call (one input matmul, XNNPACK recurrence matmuls per step)`,
  },
  {
    kernel: `${KINDS[kind].name}Grad`,
    run: recurrentBackward(kind),
    note: `ours: ${kind} backpropagation through time in one call (weight gradients as single matmuls)`,
  },
]);
