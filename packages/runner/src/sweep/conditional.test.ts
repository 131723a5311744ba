// Conditional spaces and no repeats: sampling, grid, TPE, the constant liar and the overrides a trial gets.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SweepParameter, SweepSpec } from '@tfyaml/spec-schema';
import { parameterColumns, readTrialsCsv, TrialsCsv } from '../results/trials-csv.ts';
import { gridCount, gridPoint } from './grid.ts';
import { createSampler } from './sampler.ts';
import { configurationKey, sampleSpace, toOverrides, trialRng, type Params } from './space.ts';
import { withConstantLiar, type Observation } from './tpe.ts';

const SPACE: Record<string, SweepParameter> = {
  'training.optimizer.type': {
    distribution: 'categorical',
    values: [
      {
        value: 'momentum',
        parameters: { 'training.optimizer.momentum': { distribution: 'categorical', values: [0.5, 0.9] } },
      },
      {
        value: 'adam',
        parameters: { 'training.optimizer.beta1': { distribution: 'categorical', values: [0.8, 0.9, 0.99] } },
      },
    ],
  },
  blocks: { distribution: 'categorical', values: [1, 2] },
  'model.layers[2].filters': { distribution: 'categorical', values: [8, 16], when: { blocks: [2] } },
};
const sweepOf = (method: SweepSpec['method'], trials?: number): SweepSpec => ({
  method,
  ...(trials ? { trials } : {}),
  metric: { name: 'val_loss', goal: 'minimize' },
  parameters: SPACE,
});

const conditional = suite('conditional space');

conditional("a draw holds only active parameters: the chosen optimizer's own, the width only with two blocks", () => {
  for (let trial = 1; trial <= 40; trial++) {
    const p = sampleSpace(SPACE, trialRng(3, trial));
    assert.is('training.optimizer.momentum' in p, p['training.optimizer.type'] === 'momentum');
    assert.is('training.optimizer.beta1' in p, p['training.optimizer.type'] === 'adam');
    assert.is('model.layers[2].filters' in p, p['blocks'] === 2);
  }
});

conditional('grid enumerates valid combinations only: (2 + 3) optimizers × (1 + 2) block settings = 15', () => {
  assert.is(gridCount(SPACE), 15);
  const points = Array.from({ length: 15 }, (_, i) => gridPoint(SPACE, i));
  assert.is(new Set(points.map(configurationKey)).size, 15);
  assert.equal(points[0], { 'training.optimizer.type': 'momentum', 'training.optimizer.momentum': 0.5, blocks: 1 });
  assert.equal(points[1], { 'training.optimizer.type': 'momentum', 'training.optimizer.momentum': 0.9, blocks: 1 });
  assert.equal(points[2], {
    'training.optimizer.type': 'momentum',
    'training.optimizer.momentum': 0.5,
    blocks: 2,
    'model.layers[2].filters': 8,
  });
});

conditional('tpe draws, once its model acts, keep to the conditions too', () => {
  for (const p of drawAll('tpe', 15)) {
    assert.is('training.optimizer.momentum' in p, p['training.optimizer.type'] === 'momentum');
    assert.is('model.layers[2].filters' in p, p['blocks'] === 2);
  }
});

conditional('trials.csv has a column per parameter, sub-parameters included, and blank cells where inactive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trials-'));
  const csv = new TrialsCsv(join(dir, 'trials.csv'), parameterColumns(SPACE), 'val_loss');
  csv.rewrite([
    {
      trial: 1,
      status: 'completed',
      params: { 'training.optimizer.type': 'adam', 'training.optimizer.beta1': 0.9, blocks: 1 },
      value: 0.5,
      bestEpoch: 1,
      epochs: 1,
      seconds: 1,
    },
  ]);
  const lines = readFileSync(join(dir, 'trials.csv'), 'utf8').trim().split('\n');
  assert.is(
    lines[0],
    'trial,status,training.optimizer.type,training.optimizer.momentum,training.optimizer.beta1,blocks,model.layers[2].filters,val_loss,best_epoch,epochs,seconds,params,inference_ms_per_sample,peak_rss_mb,attempt,error',
  );
  assert.is(lines[1], '1,completed,adam,,0.9,1,,0.5,1,1,1.0,,,,,');
  assert.equal(readTrialsCsv(join(dir, 'trials.csv'))!.rows[0]!.params, {
    'training.optimizer.type': 'adam',
    'training.optimizer.beta1': '0.9',
    blocks: '1',
  });
});

conditional('a sweep variable steers conditions but sets nothing', () => {
  assert.equal(toOverrides({ blocks: 2, 'model.layers[2].filters': 16 }), ['model.layers[2].filters=16']);
});

conditional.run();

const noRepeats = suite('no repeated configurations');

/** Runs a sampler `n` trials one after another with a made-up loss; returns every configuration drawn. */
function drawAll(method: 'random' | 'tpe', trials: number, seed = 1): Params[] {
  const sampler = createSampler(sweepOf(method, trials), seed);
  const history: Observation[] = [];
  for (let trial = 1; trial <= sampler.total; trial++) {
    const params = sampler.suggest(trial, history);
    history.push({ params, loss: trial % 7, tier: 0 });
  }
  return history.map((o) => o.params);
}

noRepeats('random and tpe never start one configuration twice in a discrete space', () => {
  for (const method of ['random', 'tpe'] as const) {
    const drawn = drawAll(method, 12);
    assert.is(new Set(drawn.map(configurationKey)).size, drawn.length, method);
  }
});

noRepeats('a budget beyond the space runs each configuration once and says why it stops early', () => {
  const sampler = createSampler(sweepOf('random', 40), 1);
  assert.is(sampler.total, 15);
  assert.match(sampler.note ?? '', 'holds 15 configurations, fewer than trials: 40');
  assert.is(new Set(drawAll('random', 40).map(configurationKey)).size, 15);
});

noRepeats("a running trial's configuration is not drawn again", () => {
  const sampler = createSampler(sweepOf('random', 15), 1);
  const first = sampler.suggest(2, []);
  assert.not.equal(sampler.suggest(2, [], [first]), first);
});

noRepeats.run();

const liar = suite('withConstantLiar');

liar('running trials count as finished with the worst completed loss; none before a trial completed', () => {
  const finished: Observation[] = [
    { params: { a: 1 }, loss: 0.2, tier: 0 },
    { params: { a: 2 }, loss: 0.7, tier: 0 },
    { params: { a: 3 }, loss: Infinity, tier: 2 },
  ];
  assert.equal(withConstantLiar(finished, [{ a: 4 }]).at(-1), { params: { a: 4 }, loss: 0.7, tier: 0 });
  assert.equal(withConstantLiar([], [{ a: 4 }]), []);
});

liar.run();
