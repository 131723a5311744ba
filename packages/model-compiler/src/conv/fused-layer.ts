// conv2d and conv1d layers that train conv + bias + relu as one op (fused-op.ts; a conv1d as a conv2d of height 1,
// as tfjs computes it) where the backend has the kernels and the layer is one they compute, and through tfjs-layers'
// own call otherwise: no bias, another activation, dilation (tfjs's conv gradients have none), channelsFirst, causal
// padding, or a 1×1 kernel (the runner's lean gradient runs those as matmuls). They subclass tfjs's Conv2D and Conv1D
// under the same class names, so saved models name the stock layers and load anywhere, and registering them
// (register-classes.ts) makes tf.loadLayersModel build these.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fusedConvAvailable, fusedConvBiasRelu } from './fused-op.ts';
import { replaceStockClass, stockClass } from '../stock-classes.ts';

type Kwargs = Parameters<tfl.layers.Layer['call']>[1];
type ConvClass = new (args: Record<string, unknown>) => tfl.layers.Layer;

/** The fields of tfjs's Conv2D that the fused call reads (protected in tfjs-layers' types). */
interface ConvFields {
  rank: number;
  kernelSize: number[];
  strides: number[];
  padding: string;
  dataFormat: string;
  dilationRate: number[] | number;
  activation: { getClassName(): string };
  useBias: boolean;
  kernel: tfl.LayerVariable;
  bias: tfl.LayerVariable | null;
}

type ConvType = 'conv1d' | 'conv2d';
const CLASS_NAMES = { conv1d: 'Conv1D', conv2d: 'Conv2D' } as const satisfies Record<ConvType, string>;

let fused: Record<ConvType, ConvClass> | undefined;

/** Registers the fused Conv1D and Conv2D under tfjs's class names (idempotent); returns them. */
export function registerFusedConvLayers(): Record<ConvType, ConvClass> {
  fused ??= { conv1d: fusedClass('conv1d'), conv2d: fusedClass('conv2d') };
  return fused;
}

export function isFusedConvType(type: string): type is ConvType {
  return Object.hasOwn(CLASS_NAMES, type);
}

function fusedClass(type: ConvType): ConvClass {
  const className = CLASS_NAMES[type];
  const Stock = stockClass<ConvClass>(className);
  const Fused = class extends Stock {
    static className = className;
    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      return fusedCall(this as unknown as ConvFields, inputs) ?? super.call(inputs, kwargs);
    }
  };
  return replaceStockClass(Fused, `Fused${className}`);
}

/** The fused output, or null where tfjs-layers' call must run. */
function fusedCall(layer: ConvFields, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | null {
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0]! : null) : inputs;
  const dilations = [layer.dilationRate].flat();
  const fusable =
    x !== null &&
    (layer.rank === 1 || layer.rank === 2) &&
    x.rank === layer.rank + 2 &&
    x.dtype === 'float32' &&
    layer.dataFormat === 'channelsLast' &&
    layer.useBias &&
    layer.bias !== null &&
    layer.activation.getClassName() === 'relu' &&
    (layer.padding === 'valid' || layer.padding === 'same') &&
    dilations.every((d) => d === 1) &&
    layer.kernelSize.reduce((a, b) => a * b, 1) > 1 &&
    fusedConvAvailable();
  if (!fusable) return null;
  const pad = layer.padding as 'valid' | 'same';
  return tf.tidy(() => {
    const kernel = layer.kernel.read();
    if (layer.rank === 2) {
      const strides: [number, number] = [layer.strides[0]!, layer.strides[1]!];
      return fusedConvBiasRelu(x as tf.Tensor4D, kernel as tf.Tensor4D, layer.bias!.read() as tf.Tensor1D, {
        strides,
        pad,
      });
    }
    // conv1d: [batch, steps, channels] as an image one row high, its [size, in, out] kernel as [1, size, in, out].
    const [batch, steps, channels] = x.shape as [number, number, number];
    const image = tf.reshape(x, [batch, 1, steps, channels]) as tf.Tensor4D;
    const [size, inChannels, outChannels] = kernel.shape as [number, number, number];
    const filter = tf.reshape(kernel, [1, size, inChannels, outChannels]) as tf.Tensor4D;
    const out = fusedConvBiasRelu(image, filter, layer.bias!.read() as tf.Tensor1D, {
      strides: [1, layer.strides[0]!],
      pad,
    });
    return tf.reshape(out, [batch, out.shape[2], out.shape[3]]);
  });
}
