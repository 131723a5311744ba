// A conv2d layer that trains conv + bias + relu as one op (fused-op.ts) where the backend has the kernels and the
// layer is one they compute, and through tfjs-layers' own call otherwise: no bias, another activation, dilation
// (tfjs's conv gradients have none), channelsFirst, or a 1×1 kernel (the runner's lean gradient runs those as
// matmuls). It subclasses tfjs's Conv2D under the same class name, so saved models name the stock layer and load
// anywhere, and registering it (register-classes.ts) makes tf.loadLayersModel build this one.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fusedConvAvailable, fusedConvBiasRelu } from './fused-op.ts';

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

let fused: ConvClass | undefined;

/** Registers the fused Conv2D under tfjs's class name (idempotent); returns it. */
export function registerFusedConv2D(): ConvClass {
  fused ??= fusedClass();
  return fused;
}

function fusedClass(): ConvClass {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap['Conv2D'];
  if (!entry) throw new Error('tfjs-layers registers no Conv2D class');
  const Stock = entry[0] as unknown as ConvClass;
  const Fused = class extends Stock {
    static className = 'Conv2D';
    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      return fusedCall(this as unknown as ConvFields, inputs) ?? super.call(inputs, kwargs);
    }
  };
  Object.defineProperty(Fused, 'name', { value: 'FusedConv2D' });
  tf.serialization.registerClass(Fused as unknown as tf.serialization.SerializableConstructor<tfl.layers.Layer>);
  return Fused;
}

/** The fused output, or null where tfjs-layers' call must run. */
function fusedCall(layer: ConvFields, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | null {
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0]! : null) : inputs;
  const dilations = [layer.dilationRate].flat();
  const fusable =
    x !== null &&
    x.rank === 4 &&
    x.dtype === 'float32' &&
    layer.rank === 2 &&
    layer.dataFormat === 'channelsLast' &&
    layer.useBias &&
    layer.bias !== null &&
    layer.activation.getClassName() === 'relu' &&
    (layer.padding === 'valid' || layer.padding === 'same') &&
    dilations.every((d) => d === 1) &&
    layer.kernelSize[0]! * layer.kernelSize[1]! > 1 &&
    fusedConvAvailable();
  if (!fusable) return null;
  return tf.tidy(() =>
    fusedConvBiasRelu(x as tf.Tensor4D, layer.kernel.read() as tf.Tensor4D, layer.bias!.read() as tf.Tensor1D, {
      strides: [layer.strides[0]!, layer.strides[1]!],
      pad: layer.padding as 'valid' | 'same',
    }),
  );
}
