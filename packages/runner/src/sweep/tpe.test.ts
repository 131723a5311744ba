import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SweepParameter } from '@tfyaml/spec-schema';
import { createSampler } from './sampler.ts';
import type { Params } from './space.ts';
import type { Observation } from './tpe.ts';

// A stand-in for training: a learning rate best near 10^-2.5 and a layer width best near 100, as a loss to minimize.
const SPACE: Record<string, SweepParameter> = {
  'training.optimizer.learningRate': { distribution: 'log_uniform', min: 0.00001, max: 1 },
  'model.layers[0].units': { distribution: 'int_uniform', min: 1, max: 256 },
};
const objective = (p: Params) =>
  (Math.log10(p['training.optimizer.learningRate'] as number) + 2.5) ** 2 +
  (((p['model.layers[0].units'] as number) - 100) / 60) ** 2;

/** The best objective value a method finds in `budget` trials, run one after another. */
function bestFound(method: 'random' | 'tpe', seed: number, budget: number): number {
  const sampler = createSampler(
    { method, trials: budget, metric: { name: 'val_loss', goal: 'minimize' }, parameters: SPACE },
    seed,
  );
  const history: Observation[] = [];
  for (let trial = 1; trial <= budget; trial++) {
    const params = sampler.suggest(trial, history);
    history.push({ params, loss: objective(params), tier: 0 });
  }
  return Math.min(...history.map((o) => o.loss));
}

const tpe = suite('tpe');

tpe('beats random search with the same budget and seed in at least 15 of 20 seeds', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
  const wins = seeds.filter((seed) => bestFound('tpe', seed, 30) < bestFound('random', seed, 30)).length;
  assert.ok(wins >= 15, `TPE won ${wins} of 20`);
});

tpe('is deterministic given the seed and the finished trials in order', () => {
  assert.is(bestFound('tpe', 3, 20), bestFound('tpe', 3, 20));
  const sampler = createSampler(
    { method: 'tpe', trials: 20, metric: { name: 'val_loss', goal: 'minimize' }, parameters: SPACE },
    3,
  );
  const history: Observation[] = [1, 2, 3, 4, 5].map((t) => {
    const params = sampler.suggest(t, []);
    return { params, loss: objective(params), tier: 0 };
  });
  assert.equal(sampler.suggest(6, history), sampler.suggest(6, history));
  assert.not.equal(sampler.suggest(6, history), sampler.suggest(6, history.slice(1)));
});

tpe('learns a categorical choice, and treats failed trials as bad', () => {
  const space: Record<string, SweepParameter> = {
    opt: { distribution: 'categorical', values: ['adam', 'sgd', 'rmsprop'] },
  };
  const sampler = createSampler(
    { method: 'tpe', trials: 40, metric: { name: 'val_loss', goal: 'minimize' }, parameters: space },
    1,
  );
  const history: Observation[] = [];
  for (let trial = 1; trial <= 40; trial++) {
    const params = sampler.suggest(trial, history);
    history.push(
      params['opt'] === 'sgd'
        ? { params, loss: Infinity, tier: 2 }
        : { params, loss: params['opt'] === 'adam' ? 0.1 : 0.5, tier: 0 },
    );
  }
  const late = history.slice(20).map((o) => o.params['opt']);
  assert.ok(late.filter((o) => o === 'adam').length >= 12, late.join(' '));
});

tpe.run();
