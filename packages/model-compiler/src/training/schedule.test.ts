import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScheduleSpec } from '@tfyaml/spec-schema';
import { createSchedule, type ScheduleBase } from './schedule.ts';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);

/** Rates of every step of every epoch, flattened. */
function rates(spec: ScheduleSpec | undefined, base: ScheduleBase): number[] {
  const schedule = createSchedule(spec, base);
  return Array.from({ length: base.epochs * base.stepsPerEpoch }, (_, t) =>
    schedule.rateAt(Math.floor(t / base.stepsPerEpoch), t % base.stepsPerEpoch),
  );
}

const stateless = suite('createSchedule');

stateless('no schedule and constant keep the optimizer rate', () => {
  assert.equal(rates(undefined, { learningRate: 0.01, epochs: 2, stepsPerEpoch: 2 }), [0.01, 0.01, 0.01, 0.01]);
  assert.equal(rates({ type: 'constant' }, { learningRate: 0.3, epochs: 1, stepsPerEpoch: 3 }), [0.3, 0.3, 0.3]);
});

stateless('step: multiplies by gamma every stepSize epochs (PyTorch StepLR)', () => {
  const schedule = createSchedule(
    { type: 'step', stepSize: 3, gamma: 0.5 },
    { learningRate: 0.1, epochs: 8, stepsPerEpoch: 4 },
  );
  const byEpoch = [0, 1, 2, 3, 5, 6].map((epoch) => schedule.rateAt(epoch, 3));
  [0.1, 0.1, 0.1, 0.05, 0.05, 0.025].forEach((expected, i) =>
    close(byEpoch[i]!, expected, `epoch ${[0, 1, 2, 3, 5, 6][i]}`),
  );
});

stateless('piecewise: values[i + 1] once boundaries[i] epochs have finished (PyTorch MultiStepLR milestones)', () => {
  const schedule = createSchedule(
    { type: 'piecewise', boundaries: [2, 5], values: [1, 0.5, 0.1] },
    { learningRate: 9, epochs: 7, stepsPerEpoch: 2 },
  );
  assert.equal(
    [0, 1, 2, 4, 5, 6].map((epoch) => schedule.rateAt(epoch, 1)),
    [1, 1, 0.5, 0.5, 0.1, 0.1],
  );
});

stateless('piecewise: a values list that does not fit the boundaries is refused', () => {
  assert.throws(
    () =>
      createSchedule(
        { type: 'piecewise', boundaries: [2, 5], values: [1, 0.5] },
        { learningRate: 1, epochs: 7, stepsPerEpoch: 2 },
      ),
    /needs 3 values/,
  );
});

stateless('exponential: Keras ExponentialDecay per step, smooth and staircase', () => {
  const base = { learningRate: 0.1, epochs: 2, stepsPerEpoch: 10 };
  const smooth = createSchedule({ type: 'exponential', decayRate: 0.5, decaySteps: 10, staircase: false }, base);
  close(smooth.rateAt(0, 0), 0.1, 'step 0');
  close(smooth.rateAt(0, 5), 0.07071067811865477, 'step 5 = 0.1 · 0.5^0.5');
  close(smooth.rateAt(1, 0), 0.05, 'step 10');
  const stairs = createSchedule({ type: 'exponential', decayRate: 0.5, decaySteps: 10, staircase: true }, base);
  close(stairs.rateAt(0, 9), 0.1, 'step 9');
  close(stairs.rateAt(1, 5), 0.05, 'step 15');
});

stateless('cosine: PyTorch CosineAnnealingLR over all steps, down to minLearningRate', () => {
  const r = rates(
    { type: 'cosine', warmupEpochs: 0, minLearningRate: 0 },
    { learningRate: 1, epochs: 2, stepsPerEpoch: 5 },
  );
  close(r[0]!, 1, 'step 0');
  close(r[5]!, 0.5, 'step 5 = halfway');
  close(r[9]!, 0.024471741852423234, 'step 9 = (1 + cos 0.9π) / 2');
  const floor = rates(
    { type: 'cosine', warmupEpochs: 0, minLearningRate: 0.1 },
    { learningRate: 1, epochs: 2, stepsPerEpoch: 5 },
  );
  close(floor[5]!, 0.55, 'halfway between 1 and 0.1');
});

stateless('cosine: linear warmup in epochs or steps, then the cosine over the remaining steps', () => {
  const base = { learningRate: 1, epochs: 2, stepsPerEpoch: 5 };
  const byEpochs = rates({ type: 'cosine', warmupEpochs: 1, minLearningRate: 0 }, base);
  [0.2, 0.4, 0.6, 0.8, 1].forEach((expected, t) => close(byEpochs[t]!, expected, `warmup step ${t}`));
  close(byEpochs[5]!, 1, 'first decay step');
  close(byEpochs[7]!, 0.6545084971874737, 'step 7 = (1 + cos 0.4π) / 2');
  assert.equal(rates({ type: 'cosine', warmupEpochs: 0, warmupSteps: 5, minLearningRate: 0 }, base), byEpochs);
});

stateless('oneCycle: PyTorch OneCycleLR values (max 1, 10 steps, pctStart 0.3, div 25, final div 1e4)', () => {
  const torch = [
    0.04, 0.52, 1, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893, 0.38874197806371075, 0.18825834605023697,
    0.049519367986526286, 4e-6,
  ];
  const r = rates(
    { type: 'oneCycle', maxLearningRate: 1, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 },
    { learningRate: 0.001, epochs: 2, stepsPerEpoch: 5 },
  );
  torch.forEach((expected, t) => close(r[t]!, expected, `step ${t}`));
});

stateless('oneCycle: the peak defaults to 10 × the optimizer rate; past the end the rate stays at its floor', () => {
  const schedule = createSchedule(
    { type: 'oneCycle', pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 },
    { learningRate: 0.1, epochs: 2, stepsPerEpoch: 5 },
  );
  close(schedule.rateAt(0, 2), 1, 'peak');
  close(schedule.rateAt(3, 0), 4e-6, 'after the last epoch');
});

stateless('refuses a base it cannot schedule', () => {
  assert.throws(() => createSchedule(undefined, { learningRate: 0.1, epochs: 2, stepsPerEpoch: 0 }), /stepsPerEpoch/);
  assert.throws(
    () => createSchedule(undefined, { learningRate: Number.NaN, epochs: 2, stepsPerEpoch: 3 }),
    /learningRate/,
  );
});

stateless.run();
