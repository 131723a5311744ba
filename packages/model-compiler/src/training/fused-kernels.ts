// The fused optimizer-update kernels: where the current backend registers a kernel under one of these names, the
// optimizers of fused-optimizers.ts update each weight in one kernel call instead of tfjs's ~10 elementwise kernels
// per weight (the `native` backend does, from @tfyaml/native-kernels). The names and each kernel's inputs,
// attributes and outputs are declared here, on the caller's side, because model-compiler may not import a backend
// package and native-kernels depends on tfjs only: native-kernels registers the same strings, and its optimizer
// test imports this table (a dev dependency) and fails when the two differ.
//
// Every kernel returns [new value, new slots…] in the order listed; scalars that tfjs keeps as tensors (SGD's c,
// Momentum's m, Adam's and Adamax's accBeta*, Adamax's iteration) are inputs, numbers tfjs reads from fields are
// attributes.
//   sgd:      inputs value, gradient, c                                attrs —
//   momentum: inputs value, gradient, accumulation, c, m               attrs useNesterov
//   adam:     inputs value, gradient, m, v, accBeta1, accBeta2         attrs beta1, beta2, epsilon, learningRate,
//                                                                      weightFactor (AdamW's 1 − lr·wd; else 1)
//   rmsprop:  inputs value, gradient, meanSquare, moment[, meanGrad]   attrs decay, momentum, epsilon, learningRate,
//                                                                      centered (meanGrad and its output iff true)
//   adagrad:  inputs value, gradient, accumulator                      attrs learningRate, epsilon (the backend's)
//   adadelta: inputs value, gradient, accumulatedGrad, accumulatedUpdate  attrs rho, epsilon, learningRate
//   adamax:   inputs value, gradient, m, v, iteration, accBeta1        attrs beta1, beta2, epsilon, learningRate, decay
export const FUSED_UPDATE_KERNELS = {
  sgd: 'TfyamlSgdUpdate',
  momentum: 'TfyamlMomentumUpdate',
  adam: 'TfyamlAdamUpdate',
  rmsprop: 'TfyamlRMSPropUpdate',
  adagrad: 'TfyamlAdagradUpdate',
  adadelta: 'TfyamlAdadeltaUpdate',
  adamax: 'TfyamlAdamaxUpdate',
} as const;

export type FusedUpdateKernel = (typeof FUSED_UPDATE_KERNELS)[keyof typeof FUSED_UPDATE_KERNELS];
