// Leaner gradients for a few kernels, registered over tfjs's own (same maths, fewer or cheaper passes). Batch
// normalization in training runs through three: tfjs's Mean and Sum gradients multiply by a ones tensor of the input's
// size filled in a JavaScript loop (a BN layer runs two Means a step: ~30 ms of a 64×32×32×32 step, outside every
// kernel), and its FusedBatchNorm gradient makes about fifteen full-size passes where five suffice: per-channel factors
// are summed once and applied to the small tensors, not to the activations. A 1×1 convolution's gradients are matrix
// products.
import * as tf from '@tensorflow/tfjs-core';

type GradFunc = tf.GradConfig['gradFunc'];

/** The axes of `shape` that `axis` (a Mean's or Sum's attribute; null: all) reduces, and the shape with those kept as 1. */
function reduction(axis: number | number[] | null, shape: number[]): { kept: number[]; size: number } {
  const all = shape.map((_, i) => i);
  const axes = axis === null ? all : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + shape.length : a));
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return { kept, size: axes.reduce((n, a) => n * shape[a]!, 1) };
}

/** d mean(x) / dx (`divide`) or d sum(x) / dx: dy (/ n) spread over the reduced axes by one broadcast, no ones tensor. */
const reductionGradient =
  (divide: boolean): GradFunc =>
  (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const { kept, size } = reduction((attrs as { axis: number | number[] | null }).axis ?? null, x.shape);
    const spread = tf.reshape(dy as tf.Tensor, kept);
    return { x: () => tf.broadcastTo(divide ? tf.div(spread, size) : spread, x.shape) };
  };

/**
 * FusedBatchNorm with per-channel mean/variance/scale (rank 1, as tfjs-layers passes them). With inv = 1/√(var+ε),
 * g = scale, Σ over every axis but the channel one: dx = dy·g·inv, dmean = -g·inv·Σdy, dvariance =
 * -½·g·inv³·Σdy(x-mean), dscale = inv·Σdy(x-mean), doffset = Σdy. Other ranks keep tfjs's gradient.
 */
function batchNormGradient(stock: GradFunc): GradFunc {
  return (dy, saved, attrs) => {
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    if (mean.rank !== 1) return stock(dy, saved, attrs);
    const grad = dy as tf.Tensor;
    const axes = x.shape.map((_, i) => i).slice(0, -1);
    const { varianceEpsilon } = attrs as { varianceEpsilon: number };
    const inv = tf.rsqrt(tf.add(variance, varianceEpsilon));
    const gInv = scale ? tf.mul(scale, inv) : inv;
    const sumDy = tf.sum(grad, axes);
    const sumDyCentered = tf.sum(tf.mul(grad, tf.sub(x, mean)), axes);
    return {
      x: () => tf.mul(grad, gInv),
      mean: () => tf.neg(tf.mul(gInv, sumDy)),
      variance: () => tf.mul(tf.mul(tf.mul(gInv, tf.square(inv)), -0.5), sumDyCentered),
      scale: () => tf.mul(inv, sumDyCentered),
      offset: () => sumDy,
    };
  };
}

/**
 * Conv2D with a 1×1 filter, stride 1, channels last (pointwise convolutions, separable convolutions' second half): its
 * gradients are matrix products over the batch's pixels, which run several times faster as one than as oneDNN's
 * backward convolution for such thin shapes (the filter's: 3.0 → 0.45 ms at 32×32×32×32 → 16). Else tfjs's gradient.
 */
function pointwiseConvGradient(stock: GradFunc): GradFunc {
  return (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, dilations, pad, dataFormat } = attrs as {
      strides: number | number[];
      dilations: number | number[];
      pad: unknown;
      dataFormat: string;
    };
    const ones = (v: number | number[]) => [v].flat().every((s) => s === 1);
    const pointwise =
      filter.shape[0] === 1 &&
      filter.shape[1] === 1 &&
      ones(strides) &&
      ones(dilations ?? 1) &&
      (pad === 'valid' || pad === 'same') &&
      dataFormat === 'NHWC';
    if (!pointwise) return stock(dy, saved, attrs);
    const [, , inChannels, outChannels] = filter.shape;
    const pixels = tf.reshape(x, [-1, inChannels]);
    const grads = tf.reshape(dy as tf.Tensor, [-1, outChannels]);
    const weights = tf.reshape(filter, [inChannels, outChannels]);
    return {
      x: () => tf.reshape(tf.matMul(grads, weights, false, true), x.shape),
      filter: () => tf.reshape(tf.matMul(pixels, grads, true, false), filter.shape),
    };
  };
}

const LEAN: Record<string, (stock: tf.GradConfig) => tf.GradConfig> = {
  Conv2D: (stock) => ({ ...stock, gradFunc: pointwiseConvGradient(stock.gradFunc) }),
  Mean: (stock) => ({ ...stock, gradFunc: reductionGradient(true) }),
  Sum: (stock) => ({ ...stock, gradFunc: reductionGradient(false) }),
  FusedBatchNorm: (stock) => ({ ...stock, gradFunc: batchNormGradient(stock.gradFunc) }),
};
const registered = new Set<tf.GradConfig>();

/**
 * Puts the lean gradients in tfjs's registry. Called before each gradient computation, as loading
 * '@tensorflow/tfjs' (the model compiler does) registers the stock ones again; a no-op once they are in place.
 */
export function useLeanGradients(): void {
  for (const [kernelName, lean] of Object.entries(LEAN)) {
    const current = tf.getGradient(kernelName);
    if (current === undefined || registered.has(current)) continue;
    const config = lean(current);
    registered.add(config);
    tf.registerGradient(config);
  }
}
