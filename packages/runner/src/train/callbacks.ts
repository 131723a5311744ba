// Per-epoch callbacks: early stopping and checkpoints. Each reads the epoch's metrics.csv row.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { CheckpointSpec, EarlyStoppingSpec } from '@tfyaml/spec-schema';
import type { EpochRow } from './epoch-row.ts';
import { saveModel } from '../results/model-io.ts';
import { improves, resolveMode } from './monitor.ts';

/** A callback's request to end training after this epoch; `pruned` marks a sweep trial stopped for doing badly. */
export interface StopRequest {
  reason: string;
  status?: 'pruned';
}

export interface EpochCallback {
  /** Returns a request to stop training after this epoch, or nothing to go on. */
  onEpochEnd(row: EpochRow): Promise<StopRequest | undefined>;
  /** Runs once training ends, however it ends; returns facts for summary.json. */
  onTrainEnd(): Promise<Record<string, unknown>>;
  /** Callbacks that remember across epochs say so here, for the resume state (results/resume-state.ts). */
  resumable?: ResumableCallback;
}

/** What a callback carries from epoch to epoch: JSON facts, and tensors (early stopping's best weights). */
export interface CallbackState {
  facts: Record<string, number | null>;
  tensors: tf.Tensor[];
}

export interface ResumableCallback {
  /** Names the callback's entry in the resume state. */
  key: string;
  /** A copy of the state; the caller disposes its tensors. */
  save(): CallbackState;
  /** Takes the state over, tensors included. */
  restore(state: CallbackState): void;
}

/** A number read back from a resume state: finite or, where the callback allows it, absent (null). */
function numberIn(facts: Record<string, number | null>, key: string): number | undefined {
  const value = facts[key];
  if (value === null || value === undefined) return undefined;
  if (!Number.isFinite(value)) throw new RangeError(`resume state: ${key} is ${String(value)}, not a number`);
  return value;
}

export class EarlyStopping implements EpochCallback {
  private readonly mode: 'min' | 'max';
  private best: number | undefined;
  private bestEpoch = 0;
  private bestWeights: tf.Tensor[] | undefined;
  private wait = 0;
  private stoppedEpoch: number | undefined;

  constructor(
    private readonly model: tfl.LayersModel,
    private readonly spec: EarlyStoppingSpec,
  ) {
    this.mode = resolveMode(spec.monitor, spec.mode);
  }

  readonly resumable: ResumableCallback = {
    key: 'earlyStopping',
    save: () => ({
      facts: { best: this.best ?? null, bestEpoch: this.bestEpoch, wait: this.wait },
      tensors: (this.bestWeights ?? []).map((w) => tf.clone(w)),
    }),
    restore: ({ facts, tensors }) => {
      [this.best, this.bestEpoch, this.wait] = [
        numberIn(facts, 'best'),
        numberIn(facts, 'bestEpoch') ?? 0,
        numberIn(facts, 'wait') ?? 0,
      ];
      tf.dispose(this.bestWeights ?? []);
      this.bestWeights = tensors.length > 0 ? tensors : undefined;
    },
  };

  async onEpochEnd(row: EpochRow): Promise<StopRequest | undefined> {
    const value = row[this.spec.monitor] ?? Number.NaN;
    if (improves(value, this.best, this.mode, this.spec.minDelta)) {
      [this.best, this.bestEpoch, this.wait] = [value, row['epoch']!, 0];
      if (this.spec.restoreBestWeights) this.keepWeights();
      return undefined;
    }
    if (++this.wait <= this.spec.patience) return undefined;
    this.stoppedEpoch = row['epoch']!;
    return {
      reason: `${this.spec.monitor} did not improve for ${this.wait} epochs (best ${this.best?.toFixed(4)} at epoch ${this.bestEpoch})`,
    };
  }

  async onTrainEnd(): Promise<Record<string, unknown>> {
    const restored = this.bestWeights !== undefined;
    if (this.bestWeights) {
      this.model.setWeights(this.bestWeights);
      tf.dispose(this.bestWeights);
      this.bestWeights = undefined;
    }
    return {
      earlyStopping: {
        monitor: this.spec.monitor,
        best: this.best,
        bestEpoch: this.bestEpoch,
        stoppedEpoch: this.stoppedEpoch ?? null,
        restoredBestWeights: restored,
      },
    };
  }

  private keepWeights(): void {
    tf.dispose(this.bestWeights ?? []);
    this.bestWeights = this.model.getWeights().map((w) => tf.clone(w));
  }
}

export class Checkpoint implements EpochCallback {
  private readonly mode: 'min' | 'max';
  private best: number | undefined;
  private bestEpoch: number | undefined;

  constructor(
    private readonly model: tfl.LayersModel,
    private readonly spec: CheckpointSpec,
    private readonly modelDir: string,
  ) {
    this.mode = resolveMode(spec.monitor, spec.mode);
  }

  readonly resumable: ResumableCallback = {
    key: 'checkpoint',
    save: () => ({ facts: { best: this.best ?? null, bestEpoch: this.bestEpoch ?? null }, tensors: [] }),
    restore: ({ facts }) => {
      [this.best, this.bestEpoch] = [numberIn(facts, 'best'), numberIn(facts, 'bestEpoch')];
    },
  };

  async onEpochEnd(row: EpochRow): Promise<undefined> {
    const value = row[this.spec.monitor] ?? Number.NaN;
    if (this.spec.save !== 'last' && improves(value, this.best, this.mode)) {
      [this.best, this.bestEpoch] = [value, row['epoch']!];
      await saveModel(this.model, join(this.modelDir, 'best'));
    }
    if (this.spec.save !== 'best') await saveModel(this.model, join(this.modelDir, 'last'));
    return undefined;
  }

  async onTrainEnd(): Promise<Record<string, unknown>> {
    return {
      checkpoint: {
        save: this.spec.save,
        monitor: this.spec.monitor,
        best: this.best ?? null,
        bestEpoch: this.bestEpoch ?? null,
      },
    };
  }
}
