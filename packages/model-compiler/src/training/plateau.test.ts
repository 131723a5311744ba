// Expected rates are traced by hand through Keras's ReduceLROnPlateau.on_epoch_end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ModelError } from '../errors.ts';
import type { ReduceOnPlateauSchedule } from '@tfyaml/spec-schema';
import { PlateauSchedule } from './plateau.ts';
import { createSchedule } from './schedule.ts';

const DEFAULTS: ReduceOnPlateauSchedule = {
  type: 'reduceOnPlateau',
  monitor: 'val_loss',
  mode: 'auto',
  factor: 0.5,
  patience: 2,
  minDelta: 0,
  cooldown: 0,
  minLearningRate: 0,
};

/** The rate after each epoch, feeding `values` as the monitored column. */
function after(values: number[], options: Partial<ReduceOnPlateauSchedule> = {}, learningRate = 1): number[] {
  const spec = { ...DEFAULTS, ...options };
  const schedule = new PlateauSchedule(spec, learningRate);
  return values.map((value) => schedule.onEpochEnd({ epoch: 1, [spec.monitor]: value }));
}

const plateau = suite('PlateauSchedule');

plateau('drops the rate after `patience` epochs without improvement, then counts again', () => {
  assert.equal(after([1, 1, 1, 1, 1]), [1, 1, 0.5, 0.5, 0.25]);
});

plateau('an improvement resets the count', () => {
  assert.equal(after([1, 1, 0.9, 1, 1]), [1, 1, 1, 1, 0.5]);
});

plateau('changes smaller than minDelta are not improvements', () => {
  assert.equal(after([1, 0.95, 0.92], { minDelta: 0.1 }), [1, 1, 0.5]);
  assert.equal(after([1, 0.95, 0.85, 0.84], { minDelta: 0.1 }), [1, 1, 1, 1], '0.85 beats 1 by more than 0.1');
});

plateau('cooldown holds counting after a drop (Keras: cooldown 1 behaves like 0)', () => {
  const flat = [1, 1, 1, 1, 1];
  assert.equal(after(flat, { patience: 1, cooldown: 0 }), [1, 0.5, 0.25, 0.125, 0.0625]);
  assert.equal(after(flat, { patience: 1, cooldown: 1 }), [1, 0.5, 0.25, 0.125, 0.0625]);
  assert.equal(after(flat, { patience: 1, cooldown: 2 }), [1, 0.5, 0.5, 0.25, 0.25]);
});

plateau('never drops below minLearningRate', () => {
  const r = after([1, 1, 1, 1], { patience: 1, factor: 0.1, minLearningRate: 0.015 });
  assert.equal(r.slice(0, 2), [1, 0.1]);
  assert.is(r[2], 0.015);
  assert.is(r[3], 0.015);
});

plateau('mode auto maximizes accuracy-like columns (camelCase too) and minimizes the rest', () => {
  assert.equal(after([0.5, 0.6, 0.6], { monitor: 'val_accuracy', patience: 1 }), [1, 1, 0.5]);
  assert.equal(after([0.5, 0.6, 0.6], { monitor: 'val_binaryAccuracy', patience: 1 }), [1, 1, 0.5]);
  assert.equal(after([0.5, 0.6, 0.6], { monitor: 'val_loss', patience: 1 }), [1, 0.5, 0.25]);
  assert.equal(after([0.5, 0.6, 0.6], { monitor: 'loss', mode: 'max', patience: 1 }), [1, 1, 0.5]);
});

plateau('a row without the monitored column is a ModelError at training.schedule.monitor', () => {
  const schedule = new PlateauSchedule({ ...DEFAULTS, monitor: 'val_precision' }, 1);
  try {
    schedule.onEpochEnd({ loss: 1, val_loss: 1 });
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, ModelError);
    assert.is((error as ModelError).specPath, 'training.schedule.monitor');
  }
});

plateau('createSchedule returns it, and rateAt follows onEpochEnd', () => {
  const schedule = createSchedule({ ...DEFAULTS, patience: 0 }, { learningRate: 0.2, epochs: 5, stepsPerEpoch: 3 });
  assert.is(schedule.rateAt(0, 2), 0.2);
  schedule.onEpochEnd?.({ val_loss: 1 });
  schedule.onEpochEnd?.({ val_loss: 2 });
  assert.is(schedule.rateAt(2, 0), 0.1);
});

plateau('a schedule restored from state() goes on exactly as the one that was never stopped', () => {
  const values = [1, 0.9, 0.95, 0.97, 0.99, 0.8, 0.85, 0.9];
  const spec = { ...DEFAULTS, patience: 1, cooldown: 2 };
  const straight = new PlateauSchedule(spec, 1);
  const straightRates = values.map((v) => straight.onEpochEnd({ val_loss: v }));
  const first = new PlateauSchedule(spec, 1);
  values.slice(0, 4).forEach((v) => first.onEpochEnd({ val_loss: v }));
  const resumed = new PlateauSchedule(spec, 1);
  resumed.restore(JSON.parse(JSON.stringify(first.state())));
  assert.equal(
    values.slice(4).map((v) => resumed.onEpochEnd({ val_loss: v })),
    straightRates.slice(4),
  );
});

plateau('before any epoch, best is null (JSON has no Infinity); a damaged state is refused', () => {
  const schedule = new PlateauSchedule(DEFAULTS, 1);
  assert.is(schedule.state().best, null);
  assert.throws(
    () => schedule.restore({ rate: 1, best: null, wait: -1, cooldownCounter: 0 }),
    /not a reduceOnPlateau state/,
  );
  assert.throws(
    () => schedule.restore({ rate: Number.NaN, best: 1, wait: 0, cooldownCounter: 0 }),
    /not a reduceOnPlateau state/,
  );
});

plateau.run();
