// How a worker applies a step's averaged gradients to its replica, so that every replica ends the step with the
// same weights.
//
// Sharded (ZeRO stage 1, as in DeepSpeed and PyTorch's ZeroRedundancyOptimizer): each worker averages only the
// range of the flat weights it owns, steps its optimizer on that range alone (one flat variable: a dozen kernels
// instead of a dozen per weight tensor), and every replica then reads all ranges back. Each worker does 1/N of the
// averaging and of the optimizer's work, and keeps 1/N of its state.
//
// Replicated: each worker averages everything and steps a full optimizer on its own weights. Needed when a weight's
// update depends on more than its own gradient and state: AdamW decays kernels but not biases (by rank), and
// clipNorm scales every gradient by the norm of all of them.
import * as tf from '@tensorflow/tfjs-core';
import { setLearningRate, type CompiledModel } from '@tfyaml/model-compiler';
import type { OptimizerSpec } from '@tfyaml/spec-schema';
import { applyGradients, trainableVariables } from '../gradients.ts';
import { ownedRange, type Range, type SharedGradients } from './all-reduce.ts';
import { assignFlat, unflatten, writeFlat } from './flat.ts';

export interface ReplicaUpdate {
  /** Waits for every worker's gradients of `step`, then updates this replica with their mean. */
  apply(step: number, sizes: readonly number[], learningRate: number): void;
}

/** Whether each weight's update depends only on its own gradient and optimizer state, so it can be split. */
export function updatesElementwise(optimizer: OptimizerSpec): boolean {
  return optimizer.type !== 'adamw' && optimizer.clipNorm === undefined;
}

export function replicaUpdate(
  compiled: CompiledModel,
  optimizer: OptimizerSpec,
  shared: SharedGradients,
  rank: number,
  workers: number,
): ReplicaUpdate {
  return updatesElementwise(optimizer)
    ? new ShardedUpdate(compiled, shared, rank, workers)
    : new ReplicatedUpdate(compiled, shared);
}

class ShardedUpdate implements ReplicaUpdate {
  private readonly variables: tf.Variable[];
  private readonly range: Range;
  /** This worker's range of the trainable weights: the master copy that its optimizer steps. */
  private readonly owned: tf.Variable | undefined;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly shared: SharedGradients,
    private readonly rank: number,
    workers: number,
  ) {
    this.variables = trainableVariables(compiled.model);
    const flat = new Float32Array(shared.weights.length);
    writeFlat(this.variables, flat);
    this.range = ownedRange(flat.length, workers, rank);
    const { start, end } = this.range;
    this.owned =
      end > start ? tf.variable(tf.tensor1d(flat.slice(start, end)), true, 'tfyaml/owned-weights') : undefined;
  }

  apply(step: number, sizes: readonly number[], learningRate: number): void {
    const mean = this.shared.average(step, sizes, this.range);
    if (this.owned) {
      setLearningRate(this.compiled.optimizer, learningRate);
      const gradient = tf.tensor1d(mean);
      this.compiled.optimizer.applyGradients([{ name: this.owned.name, tensor: gradient }]);
      gradient.dispose();
      writeFlat([this.owned], this.shared.weights, this.range.start);
    }
    this.shared.publishWeights(step, this.rank);
    assignFlat(this.variables, this.shared.awaitWeights(step));
  }
}

class ReplicatedUpdate implements ReplicaUpdate {
  private readonly shapes: number[][];

  constructor(
    private readonly compiled: CompiledModel,
    private readonly shared: SharedGradients,
  ) {
    this.shapes = compiled.model.trainableWeights.map((w) => w.shape as number[]);
  }

  apply(step: number, sizes: readonly number[], learningRate: number): void {
    const mean = unflatten(this.shared.average(step, sizes), this.shapes);
    setLearningRate(this.compiled.optimizer, learningRate);
    applyGradients(this.compiled.optimizer, this.compiled.model, mean);
    tf.dispose(mean);
  }
}
