// reduceOnPlateau: the one schedule with state. It follows Keras's ReduceLROnPlateau line for line (patience counts
// epochs without improvement, `>= patience` drops the rate, minDelta is the smallest change that counts, cooldown
// holds counting after a drop), so results compare with Keras runs. Keras quirk kept on purpose: the last cooldown
// epoch already counts as a bad epoch, so cooldown: 1 behaves like cooldown: 0.
import { monitorMode, type ReduceOnPlateauSchedule } from '@tfyaml/spec-schema';
import { ModelError } from '../errors.ts';

export type EpochLogs = Readonly<Record<string, number | undefined>>;

/** What a resumed run needs to go on reducing as if never stopped; `best` is null before any epoch (±Infinity). */
export interface ScheduleState {
  rate: number;
  best: number | null;
  wait: number;
  cooldownCounter: number;
}

export class PlateauSchedule {
  private rate: number;
  private best: number;
  private wait = 0;
  private cooldownCounter = 0;
  private readonly improved: (current: number, best: number) => boolean;

  constructor(
    private readonly spec: ReduceOnPlateauSchedule,
    learningRate: number,
  ) {
    this.rate = learningRate;
    const { minDelta } = spec;
    const maximize = monitorMode(spec.monitor, spec.mode) === 'max';
    this.improved = maximize ? (c, b) => c > b + minDelta : (c, b) => c < b - minDelta;
    this.best = maximize ? -Infinity : Infinity;
  }

  /** Constant within an epoch: only `onEpochEnd` moves it. */
  rateAt(_epoch: number, _stepInEpoch: number): number {
    return this.rate;
  }

  state(): ScheduleState {
    return {
      rate: this.rate,
      best: Number.isFinite(this.best) ? this.best : null,
      wait: this.wait,
      cooldownCounter: this.cooldownCounter,
    };
  }

  restore(state: ScheduleState): void {
    const counts = [state.wait, state.cooldownCounter];
    if (
      !(state.rate >= 0) ||
      !counts.every((n) => Number.isSafeInteger(n) && n >= 0) ||
      !(state.best === null || Number.isFinite(state.best))
    ) {
      throw new RangeError(`PlateauSchedule.restore: not a reduceOnPlateau state: ${JSON.stringify(state)}`);
    }
    this.rate = state.rate;
    this.best = state.best ?? this.best;
    this.wait = state.wait;
    this.cooldownCounter = state.cooldownCounter;
  }

  /** Feed each finished epoch's row (metrics.csv columns); returns the rate for the next epoch. */
  onEpochEnd(logs: EpochLogs): number {
    const current = logs[this.spec.monitor];
    if (current === undefined) {
      throw new ModelError(
        'training.schedule.monitor',
        `the epoch row has no "${this.spec.monitor}" to monitor (it has ${Object.keys(logs).join(', ')})`,
        'monitor loss, val_loss, a metric or val_<metric>',
      );
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.improved(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      this.wait += 1;
      if (this.wait >= this.spec.patience && this.rate > this.spec.minLearningRate) {
        this.rate = Math.max(this.rate * this.spec.factor, this.spec.minLearningRate);
        this.cooldownCounter = this.spec.cooldown;
        this.wait = 0;
      }
    }
    return this.rate;
  }
}
