// Learning-rate schedules: spec → a function of (epoch, step in epoch). Formulas follow the framework each schedule
// is named after (PyTorch StepLR/MultiStepLR/OneCycleLR, Keras ExponentialDecay/CosineDecay) so rates can be checked
// against them. The training loop asks for the rate before every batch and writes it with `setLearningRate`.
import { ModelError } from '../errors.ts';
import type { ScheduleSpec } from '@tfyaml/spec-schema';
import { PlateauSchedule, type EpochLogs, type ScheduleState } from './plateau.ts';

export interface ScheduleBase {
  /** The optimizer's rate, which most schedules scale. */
  learningRate: number;
  /** training.epochs: where cosine and oneCycle end. */
  epochs: number;
  /** Batches per epoch (the batch source's `batchesPerEpoch`): turns epochs into steps. */
  stepsPerEpoch: number;
}

export interface LearningRateSchedule {
  /** The rate for one batch; both indices are 0-based. Past the last epoch, rates stay at their final value. */
  rateAt(epoch: number, stepInEpoch: number): number;
  /** Only schedules that react to results (reduceOnPlateau) have this: give it each finished epoch's row. */
  onEpochEnd?(logs: EpochLogs): number;
  /** Only schedules with state (reduceOnPlateau) have these: what a resumed run restores. The others are functions
   * of (epoch, step) and resume by themselves. */
  state?(): ScheduleState;
  restore?(state: ScheduleState): void;
}

type Stateless = Exclude<ScheduleSpec, { type: 'reduceOnPlateau' }>;
/** A stateless schedule as a function of the global step `t` (0-based batch count) and the 0-based epoch. */
type RateFn = (t: number, epoch: number) => number;
type Formulas = { [K in Stateless['type']]: (spec: Extract<Stateless, { type: K }>, base: ScheduleBase) => RateFn };

const FORMULAS: Formulas = {
  constant: (_, b) => () => b.learningRate,
  step: (s, b) => (_, epoch) => b.learningRate * s.gamma ** Math.floor(epoch / s.stepSize),
  // values[i + 1] from the epoch after boundaries[i] epochs have finished, as PyTorch's MultiStepLR milestones.
  piecewise: (s) => (_, epoch) => s.values[s.boundaries.filter((boundary) => epoch >= boundary).length]!,
  exponential: (s, b) => (t) =>
    b.learningRate * s.decayRate ** (s.staircase ? Math.floor(t / s.decaySteps) : t / s.decaySteps),
  cosine: (s, b) => {
    const total = b.epochs * b.stepsPerEpoch;
    const warmup = s.warmupSteps ?? s.warmupEpochs * b.stepsPerEpoch;
    return (t) => {
      // (t + 1) / warmup rather than Keras's and Hugging Face's t / warmup: their first step trains at rate 0.
      if (t < warmup) return (b.learningRate * (t + 1)) / warmup;
      const progress = Math.min(1, (t - warmup) / Math.max(1, total - warmup));
      return s.minLearningRate + (b.learningRate - s.minLearningRate) * cosineFall(progress);
    };
  },
  oneCycle: (s, b) => {
    const last = b.epochs * b.stepsPerEpoch - 1;
    const peak = s.maxLearningRate ?? 10 * b.learningRate;
    const start = peak / s.divFactor;
    const end = start / s.finalDivFactor;
    const peakStep = s.pctStart * (last + 1) - 1; // PyTorch's phase-one end_step, a float
    return (t) => {
      const step = Math.min(t, last);
      if (step <= peakStep) return anneal(start, peak, peakStep > 0 ? step / peakStep : 1);
      return anneal(peak, end, last > peakStep ? (step - peakStep) / (last - peakStep) : 1);
    };
  },
};

/** 1 at progress 0, 0 at progress 1, along half a cosine. */
const cosineFall = (progress: number) => 0.5 * (1 + Math.cos(Math.PI * progress));
/** PyTorch's `_annealing_cos`: from `start` at pct 0 to `end` at pct 1. */
const anneal = (start: number, end: number, pct: number) => end + (start - end) * cosineFall(pct);

/** The schedule a spec describes; no spec means a constant rate. */
export function createSchedule(spec: ScheduleSpec | undefined, base: ScheduleBase): LearningRateSchedule {
  checkBase(base);
  if (spec === undefined) return createSchedule({ type: 'constant' }, base);
  if (spec.type === 'reduceOnPlateau') return new PlateauSchedule(spec, base.learningRate);
  if (spec.type === 'piecewise' && spec.values.length !== spec.boundaries.length + 1) {
    throw new ModelError(
      'training.schedule.values',
      `piecewise needs ${spec.boundaries.length + 1} values for ${spec.boundaries.length} boundaries, received ${spec.values.length}`,
    );
  }
  const rate = (FORMULAS[spec.type] as (s: Stateless, b: ScheduleBase) => RateFn)(spec, base);
  return { rateAt: (epoch, stepInEpoch) => rate(epoch * base.stepsPerEpoch + stepInEpoch, epoch) };
}

function checkBase({ learningRate, epochs, stepsPerEpoch }: ScheduleBase): void {
  if (
    !(learningRate > 0) ||
    !Number.isInteger(epochs) ||
    epochs < 1 ||
    !Number.isInteger(stepsPerEpoch) ||
    stepsPerEpoch < 1
  ) {
    throw new RangeError(
      `createSchedule: needs learningRate > 0 and whole epochs, stepsPerEpoch ≥ 1; received ${JSON.stringify({ learningRate, epochs, stepsPerEpoch })}`,
    );
  }
}
