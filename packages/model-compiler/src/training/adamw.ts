// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization"), as torch.optim.AdamW computes it: each step
// first shrinks the weights, p ← p · (1 − lr · weightDecay), then takes tfjs's Adam step, whose update
// m̂ / (√v̂ + ε) is PyTorch's too. The decay is "decoupled" because it bypasses Adam's moment estimates; an L2
// regularizer would be rescaled by them. Scheduling the rate (setLearningRate) scales the decay too, as in PyTorch.
//
// Only variables with ndim ≥ 2 (dense and conv kernels, embeddings) decay; biases and normalization scales/offsets
// (ndim 1) do not. That is common practice (BERT, timm, nanoGPT) and avoids pulling BatchNorm gammas toward zero; it
// is the one place this differs from a bare torch.optim.AdamW, which decays every parameter it is given.
//
// Where the backend has the fused Adam kernel, the decay rides in it (weightFactor) instead of a separate pass.
import * as tf from '@tensorflow/tfjs-core';
import { FusedAdamOptimizer, fusedUpdateAvailable } from './fused-optimizers.ts';

/** `Optimizer.applyGradients`'s argument (tfjs does not export its NamedTensor type from the package root). */
type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

export class AdamWOptimizer extends FusedAdamOptimizer {
  /** Saved models record this name; `registerClass` below lets `tf.loadLayersModel` find the class again. */
  static override get className(): string {
    return 'AdamW';
  }

  constructor(
    learningRate: number,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon?: number,
    readonly weightDecay = 0.01,
  ) {
    super(learningRate, beta1, beta2, epsilon);
    if (!(weightDecay >= 0)) throw new RangeError(`AdamW: weightDecay must be ≥ 0, received ${weightDecay}`);
  }

  override applyGradients(variableGradients: Gradients): void {
    if (!fusedUpdateAvailable('adam')) this.decayWeights(variableGradients);
    // AdamOptimizer declares a NamedVariableMap, but reads the map's tensors only, as every optimizer does.
    super.applyGradients(variableGradients as Parameters<tf.AdamOptimizer['applyGradients']>[0]);
  }

  /** The fused kernel's decay: the same factor, for the same weights, as decayWeights. */
  protected override weightFactor(value: tf.Variable): number {
    return value.rank < 2 ? 1 : this.keep();
  }

  private keep(): number {
    return 1 - this.learningRate * this.weightDecay;
  }

  /** Like PyTorch, only variables that received a gradient this step decay. */
  private decayWeights(variableGradients: Gradients): void {
    const keep = this.keep();
    if (keep === 1) return;
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    const variables = tf.engine().registeredVariables;
    tf.tidy(() => {
      for (const [name, gradient] of entries) {
        const variable = variables[name];
        if (gradient == null || variable === undefined || variable.rank < 2) continue;
        variable.assign(tf.mul(variable, keep));
      }
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config['learningRate'], config['beta1'], config['beta2'], config['epsilon'], config['weightDecay']);
  }
}

tf.serialization.registerClass(AdamWOptimizer);
