import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SweepParameter } from '@tfyaml/spec-schema';
import { gridCount, gridPoint } from './grid.ts';
import { sampleParameter, sampleSpace, toOverrides, trialRng } from './space.ts';

const draws = (p: SweepParameter, n = 2000, trial = 1) => {
  const rng = trialRng(42, trial);
  return Array.from({ length: n }, () => sampleParameter(p, rng) as number);
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const sampling = suite('sampleParameter');

sampling('uniform stays in [min, max] with the midpoint as mean', () => {
  const xs = draws({ distribution: 'uniform', min: 2, max: 4 });
  assert.ok(xs.every((x) => x >= 2 && x <= 4));
  assert.ok(Math.abs(mean(xs) - 3) < 0.05, String(mean(xs)));
});

sampling('log_uniform spreads evenly over the decades', () => {
  const xs = draws({ distribution: 'log_uniform', min: 0.0001, max: 0.1 });
  assert.ok(xs.every((x) => x >= 0.0001 && x <= 0.1));
  const perDecade = [1e-4, 1e-3, 1e-2].map((low) => xs.filter((x) => x >= low && x < low * 10).length / xs.length);
  for (const share of perDecade) assert.ok(Math.abs(share - 1 / 3) < 0.04, String(perDecade));
});

sampling('int_uniform draws every integer, ends included', () => {
  const xs = draws({ distribution: 'int_uniform', min: 1, max: 3 });
  assert.equal([...new Set(xs)].sort(), [1, 2, 3]);
});

sampling('q_uniform draws multiples of q from min, without float noise', () => {
  const xs = draws({ distribution: 'q_uniform', min: 0.1, max: 0.5, q: 0.1 });
  assert.equal([...new Set(xs)].sort(), [0.1, 0.2, 0.3, 0.4, 0.5]);
});

sampling('categorical follows its probabilities', () => {
  const xs = draws({
    distribution: 'categorical',
    values: ['adam', 'sgd'],
    probabilities: [0.2, 0.8],
  }) as unknown as string[];
  assert.ok(Math.abs(xs.filter((x) => x === 'sgd').length / xs.length - 0.8) < 0.03);
});

sampling('normal has the mean and spread asked for', () => {
  const xs = draws({ distribution: 'normal', mu: 5, sigma: 2 }, 4000);
  const m = mean(xs);
  const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  assert.ok(Math.abs(m - 5) < 0.1 && Math.abs(sd - 2) < 0.1, `${m} ${sd}`);
});

sampling('draws are rounded to 6 significant digits', () => {
  for (const x of draws({ distribution: 'log_uniform', min: 0.0001, max: 0.1 }, 50))
    assert.is(x, Number(x.toPrecision(6)));
});

sampling('seeded: the same seed and trial give the same parameters; another trial or seed does not', () => {
  const space: Record<string, SweepParameter> = {
    lr: { distribution: 'log_uniform', min: 0.0001, max: 0.1 },
    units: { distribution: 'int_uniform', min: 1, max: 1000 },
  };
  assert.equal(sampleSpace(space, trialRng(7, 3)), sampleSpace(space, trialRng(7, 3)));
  assert.not.equal(sampleSpace(space, trialRng(7, 3)), sampleSpace(space, trialRng(7, 4)));
  assert.not.equal(sampleSpace(space, trialRng(7, 3)), sampleSpace(space, trialRng(8, 3)));
});

sampling('toOverrides writes values YAML reads back as the same value', () => {
  assert.equal(
    toOverrides({
      'training.optimizer.learningRate': 0.001,
      'training.optimizer': 'sgd',
      'model.inputShape': [8, 8, 3],
    }),
    ['training.optimizer.learningRate=0.001', 'training.optimizer="sgd"', 'model.inputShape=[8,8,3]'],
  );
});

sampling.run();

const grid = suite('grid');

grid('the cartesian product, the last parameter varying fastest', () => {
  const space: Record<string, SweepParameter> = {
    a: { distribution: 'categorical', values: ['x', 'y'] },
    b: { distribution: 'int_uniform', min: 1, max: 3 },
  };
  assert.is(gridCount(space), 6);
  assert.equal(
    Array.from({ length: 6 }, (_, i) => gridPoint(space, i)),
    [
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'x', b: 3 },
      { a: 'y', b: 1 },
      { a: 'y', b: 2 },
      { a: 'y', b: 3 },
    ],
  );
});

grid.run();
