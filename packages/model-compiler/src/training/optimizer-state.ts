// An optimizer's whole state, taken out and put back exactly, so a resumed run steps as if it had never stopped.
// tfjs's own getWeights/setWeights do not serve: Adamax has neither, and Adam's setWeights recomputes beta1^t with
// pow() where training multiplies by beta1 once per step, which differs in the last float32 bits. So the state is read
// from the fields every tfjs 4.22 optimizer keeps it in (checked in their dist sources): lists of per-weight slots
// `{ originalName, variable }` (accumulatedFirstMoment, accumulations, accumulatedMeanSquares, …), scalar variables
// (Adam's accBeta1/accBeta2, Adamax's iteration) and the `iterations_` count. Plain tensors such as SGD's cached `c`
// follow from the learning rate and are not state.
import * as tf from '@tensorflow/tfjs-core';

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

export interface OptimizerState {
  /** `getClassName()` of the optimizer that was saved (the inner one of a clipping wrapper). */
  className: string;
  /** Steps taken (`iterations_`). */
  iterations: number;
  /** Slot lists by field name, in the optimizer's order (its weights' order); the tensors are copies. */
  slots: Record<string, { name: string; tensor: tf.Tensor }[]>;
  /** Scalar variables by field name, as float32 values (exact in a double). */
  scalars: Record<string, number>;
}

/** A copy of the optimizer's state; the caller disposes its slot tensors. */
export function readOptimizerState(optimizer: tf.Optimizer): OptimizerState {
  const inner = unwrap(optimizer);
  const slots: OptimizerState['slots'] = {};
  const scalars: OptimizerState['scalars'] = {};
  for (const [field, value] of Object.entries(inner)) {
    if (isSlotList(value))
      slots[field] = value.map((slot) => ({ name: slot.originalName, tensor: tf.clone(slot.variable) }));
    else if (isScalarVariable(value)) scalars[field] = value.dataSync()[0]!;
  }
  return { className: inner.getClassName(), iterations: inner.iterations, slots, scalars };
}

/** Puts `state` into `optimizer` (a fresh one of the same class and settings); the state's tensors stay the caller's. */
export function restoreOptimizerState(optimizer: tf.Optimizer, state: OptimizerState): void {
  const inner = unwrap(optimizer);
  if (inner.getClassName() !== state.className) {
    throw new RangeError(
      `restoreOptimizerState: the state is of ${state.className}, the optimizer is ${inner.getClassName()}`,
    );
  }
  const fields = inner as unknown as Record<string, unknown>;
  for (const [field, saved] of Object.entries(state.slots)) {
    const current = fields[field];
    if (!isSlotList(current))
      throw new RangeError(`restoreOptimizerState: ${state.className} has no slot list ${field}`);
    tf.dispose(current.map((slot) => slot.variable));
    fields[field] = saved.map(({ name, tensor }): Slot => ({
      originalName: name,
      variable: tf.variable(tensor, false),
    }));
  }
  for (const [field, value] of Object.entries(state.scalars)) {
    const current = fields[field];
    if (!isScalarVariable(current))
      throw new RangeError(`restoreOptimizerState: ${state.className} has no scalar variable ${field}`);
    tf.tidy(() => current.assign(tf.scalar(value, current.dtype)));
  }
  (inner as unknown as { iterations_: number }).iterations_ = state.iterations;
}

/** The clipping wrapper holds no state of its own: its inner optimizer does. */
function unwrap(optimizer: tf.Optimizer): tf.Optimizer {
  const inner = (optimizer as unknown as { inner?: tf.Optimizer }).inner;
  return inner ?? optimizer;
}

function isSlotList(value: unknown): value is Slot[] {
  return (
    Array.isArray(value) && value.every((slot) => typeof slot?.originalName === 'string' && isVariable(slot.variable))
  );
}

function isScalarVariable(value: unknown): value is tf.Variable {
  return isVariable(value) && value.rank === 0;
}

/** tfjs's Variable[Symbol.hasInstance] is a duck-type check: a Tensor with `assign`. */
function isVariable(value: unknown): value is tf.Variable {
  return value instanceof tf.Variable;
}
