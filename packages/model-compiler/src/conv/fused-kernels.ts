// The kernels a conv2d layer with bias and relu trains through in one op where the current backend registers them
// (the `native` backend does, from @tfyaml/native-kernels): tfjs's FusedConv2D forward, which tfjs-core declines to
// use under a gradient tape for any activation but linear, and our TfyamlReluBiasGrad in the gradient. Declared here,
// on the caller's side, as recurrent/fused-kernels.ts does: model-compiler may not import a backend package,
// native-kernels registers the same strings, and the runner's fused-conv test checks the two agree.
//
// Gradient kernel: inputs dy and y (the layer's output, relu(conv + bias)), one shape, channels last, float32;
// outputs [dy · step(y), that summed over every axis but the last (the bias gradient)].
export const FUSED_CONV_KERNELS = { forward: 'FusedConv2D', reluBiasGrad: 'TfyamlReluBiasGrad' } as const;
