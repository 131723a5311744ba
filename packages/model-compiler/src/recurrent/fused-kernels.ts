// The fused recurrent kernels: where the current backend registers them, an lstm, gru or simpleRNN layer runs its whole
// sequence as one kernel call and its backpropagation through time as one more, instead of tfjs-layers' ~15 small
// kernels per time step (the `native` backend does, from @tfyaml/native-kernels). Declared here, on the caller's
// side, as fused-kernels.ts does for the optimizers: model-compiler may not import a backend package, native-kernels
// registers the same strings, and the runner's fused-recurrent test checks the two agree.
//
// Forward: inputs x [B, T, I], kernel [I, G·U], recurrentKernel [U, G·U], bias [G·U] (zeros without one), mask
// [B, T] (1: the step counts, 0: skipped; ones without a mask); attrs activation, recurrentActivation (one of
// FUSED_ACTIVATIONS), goBackwards, returnSequences. Outputs [output, ...saved]: output is [B, T, U] with
// returnSequences, else [B, U], as tfjs-layers computes it; `saved` are time-major intermediates in processing
// order that only the gradient kernel reads. Gradient: inputs dy, x, kernel, recurrentKernel, mask and the saved
// tensors by name, same attrs; outputs [dx, dKernel, dRecurrentKernel, dBias].
export const FUSED_RECURRENT_KERNELS = {
  lstm: { forward: 'TfyamlLSTM', gradient: 'TfyamlLSTMGrad', gates: 4, saved: ['states', 'cells', 'gates'] },
  gru: { forward: 'TfyamlGRU', gradient: 'TfyamlGRUGrad', gates: 3, saved: ['states', 'gates'] },
  simpleRNN: { forward: 'TfyamlSimpleRNN', gradient: 'TfyamlSimpleRNNGrad', gates: 1, saved: ['states'] },
} as const;

export type RecurrentKind = keyof typeof FUSED_RECURRENT_KERNELS;

/** The activations the fused kernels compute (tfjs-layers' names); a layer with any other runs tfjs's step loop. */
export const FUSED_ACTIVATIONS = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'] as const;
