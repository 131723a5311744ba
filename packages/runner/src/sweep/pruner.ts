// earlyTerminate: decides at each epoch end whether a trial goes on, from what the sweep's trials reported so far.
// Asynchronous: a trial is judged against whoever reached the same epoch before it, never waits for the others.
import type { EarlyTerminateSpec, SweepGoal } from '@tfyaml/spec-schema';

export interface Decision {
  prune: boolean;
  reason?: string;
}

export interface Pruner {
  /** Records `value` (the sweep metric at `epoch`) for `trial` and decides; a trial's epochs arrive in order. */
  report(trial: number, epoch: number, value: number): Decision;
}

/** Never stops anything (no earlyTerminate). */
export const keepAll: Pruner = { report: () => ({ prune: false }) };

export function createPruner(spec: EarlyTerminateSpec | undefined, goal: SweepGoal): Pruner {
  if (!spec) return keepAll;
  return spec.type === 'asha' ? new Asha(spec, goal) : new MedianStop(spec, goal);
}

/** Orders values so that "better" is always "smaller". */
const lossOf = (value: number, goal: SweepGoal): number => (goal === 'maximize' ? -value : value);
const finite = (value: number): number => (Number.isFinite(value) ? value : Infinity);

/**
 * ASHA (Li et al. 2020, "A System for Massively Parallel Hyperparameter Tuning"): rungs at minEpochs × η^k epochs.
 * A trial reaching a rung goes on only if its value is among the best ⌊n/η⌋ of the n values recorded at that rung so
 * far (itself included); while n < η, only if it is the best, as Optuna's SuccessiveHalvingPruner does.
 */
export class Asha implements Pruner {
  private readonly rungs = new Map<number, number[]>();

  constructor(
    private readonly spec: EarlyTerminateSpec,
    private readonly goal: SweepGoal,
  ) {}

  report(_trial: number, epoch: number, value: number): Decision {
    if (!this.isRung(epoch)) return { prune: false };
    const loss = finite(lossOf(value, this.goal));
    const recorded = this.rungs.get(epoch) ?? [];
    recorded.push(loss);
    this.rungs.set(epoch, recorded);
    const keep = Math.max(1, Math.floor(recorded.length / this.spec.reductionFactor));
    const cutoff = [...recorded].sort((a, b) => a - b)[keep - 1]!;
    return loss <= cutoff
      ? { prune: false }
      : { prune: true, reason: `asha: not in the top ${keep} of ${recorded.length} trials at epoch ${epoch}` };
  }

  private isRung(epoch: number): boolean {
    for (let rung = this.spec.minEpochs; rung <= epoch; rung *= this.spec.reductionFactor)
      if (rung === epoch) return true;
    return false;
  }
}

/** Trials that reached an epoch before a newcomer may judge it only once there are this many of them. */
export const MEDIAN_MIN_TRIALS = 3;

/**
 * Median stopping (Golovin et al. 2017, "Google Vizier"): from minEpochs on, a trial whose best value so far is worse
 * than the median of the other trials' best values by the same epoch stops, once MEDIAN_MIN_TRIALS others got there.
 */
export class MedianStop implements Pruner {
  /** trial → its best loss after each epoch (index epoch - 1). */
  private readonly bestByEpoch = new Map<number, number[]>();

  constructor(
    private readonly spec: EarlyTerminateSpec,
    private readonly goal: SweepGoal,
  ) {}

  report(trial: number, epoch: number, value: number): Decision {
    const history = this.bestByEpoch.get(trial) ?? [];
    const best = Math.min(history.at(-1) ?? Infinity, finite(lossOf(value, this.goal)));
    history[epoch - 1] = best;
    this.bestByEpoch.set(trial, history);
    if (epoch < this.spec.minEpochs) return { prune: false };
    const others = [...this.bestByEpoch]
      .filter(([t, h]) => t !== trial && h[epoch - 1] !== undefined)
      .map(([, h]) => h[epoch - 1]!);
    if (others.length < MEDIAN_MIN_TRIALS) return { prune: false };
    const median = medianOf(others);
    return best > median
      ? {
          prune: true,
          reason: `median: best so far is worse than the median of ${others.length} trials at epoch ${epoch}`,
        }
      : { prune: false };
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
