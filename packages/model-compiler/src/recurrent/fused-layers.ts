// lstm, gru and simpleRNN layers that run their sequence through the fused kernels (fused-op.ts) where the backend
// has them and the call is one they compute, and through tfjs-layers' own step loop otherwise (dropout while
// training, an initial or stateful state, an activation the kernels lack, another backend). They subclass tfjs's
// classes under the same class names, so saved models name the stock layers and load anywhere, and registering them
// (register-classes.ts) makes tf.loadLayersModel (and bidirectional's backward copy) build these.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FUSED_ACTIVATIONS, FUSED_RECURRENT_KERNELS, type RecurrentKind } from './fused-kernels.ts';
import { fusedRecurrent, fusedRecurrentAvailable } from './fused-op.ts';
import { replaceStockClass, stockClass } from '../stock-classes.ts';

type Kwargs = Parameters<tfl.RNN['call']>[1];
type RecurrentClass = new (args: Record<string, unknown>) => tfl.RNN;

/** The fields of tfjs's cells that the fused call reads (tfjs-layers does not export the cell types). */
interface Cell {
  units: number;
  activation: { getClassName(): string };
  recurrentActivation?: { getClassName(): string };
  kernel: tfl.LayerVariable;
  recurrentKernel: tfl.LayerVariable;
  bias: tfl.LayerVariable | null;
  dropout: number;
  recurrentDropout: number;
}

const CLASS_NAMES = { lstm: 'LSTM', gru: 'GRU', simpleRNN: 'SimpleRNN' } as const satisfies Record<
  RecurrentKind,
  string
>;

let classes: Record<RecurrentKind, RecurrentClass> | undefined;

/** Registers the fused classes under tfjs's names (idempotent); returns them. */
export function registerFusedRecurrentLayers(): Record<RecurrentKind, RecurrentClass> {
  classes ??= {
    lstm: fusedClass('lstm'),
    gru: fusedClass('gru'),
    simpleRNN: fusedClass('simpleRNN'),
  };
  return classes;
}

export function isRecurrentKind(type: string): type is RecurrentKind {
  return Object.hasOwn(FUSED_RECURRENT_KERNELS, type);
}

function fusedClass(kind: RecurrentKind): RecurrentClass {
  const className = CLASS_NAMES[kind];
  const Stock = stockClass<RecurrentClass>(className);
  const Fused = class extends Stock {
    static className = className;
    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      return fusedCall(this, kind, inputs, kwargs) ?? super.call(inputs, kwargs);
    }
  };
  return replaceStockClass(Fused, `Fused${className}`);
}

/** The fused output, or null where tfjs's step loop must run. */
function fusedCall(
  layer: tfl.RNN,
  kind: RecurrentKind,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Kwargs,
): tf.Tensor | null {
  const cell = layer.cell as unknown as Cell;
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0]! : null) : inputs;
  const options = (kwargs ?? {}) as { training?: boolean; mask?: tf.Tensor; initialState?: unknown };
  const activation = cell.activation.getClassName();
  const recurrentActivation = cell.recurrentActivation?.getClassName() ?? 'linear';
  const fusable =
    x !== null &&
    x.rank === 3 &&
    x.dtype === 'float32' &&
    !layer.stateful &&
    !layer.returnState &&
    options.initialState == null &&
    !(options.training === true && (cell.dropout > 0 || cell.recurrentDropout > 0)) &&
    [activation, recurrentActivation].every((name) => (FUSED_ACTIVATIONS as readonly string[]).includes(name)) &&
    fusedRecurrentAvailable(kind);
  if (!fusable) return null;
  const [batch, steps] = x.shape as [number, number, number];
  const units = cell.units;
  const mask = options.mask;
  if (mask != null && mask.size !== batch * steps) return null;
  return tf.tidy(() =>
    fusedRecurrent(
      kind,
      {
        x: x as tf.Tensor3D,
        kernel: cell.kernel.read() as tf.Tensor2D,
        recurrentKernel: cell.recurrentKernel.read() as tf.Tensor2D,
        bias: (cell.bias?.read() ?? tf.zeros([FUSED_RECURRENT_KERNELS[kind].gates * units])) as tf.Tensor1D,
        mask: mask == null ? tf.ones([batch, steps]) : tf.reshape(tf.cast(mask, 'float32'), [batch, steps]),
      },
      { activation, recurrentActivation, goBackwards: layer.goBackwards, returnSequences: layer.returnSequences },
    ),
  );
}
