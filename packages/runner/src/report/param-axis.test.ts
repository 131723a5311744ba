import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { paramAxis, paramValueOf } from './param-axis.ts';

const axis = suite('paramAxis');

axis('a log_uniform parameter gets a log axis', () => {
  assert.equal(paramAxis('lr', { distribution: 'log_uniform', min: 1e-4, max: 0.1 }, [0.001, 0.02]), {
    path: 'lr',
    scale: 'log',
  });
  assert.is(paramAxis('lr', { distribution: 'log_uniform_values' }, [0.001]).scale, 'log', "W&B's name");
});

axis('linear distributions stay linear, even over decades', () => {
  for (const distribution of ['uniform', 'int_uniform', 'q_uniform', 'normal']) {
    assert.is(paramAxis('x', { distribution }, [1, 5000]).scale, 'linear', distribution);
  }
});

axis('a log distribution with a value ≤ 0 falls back to linear (a log axis cannot show it)', () => {
  assert.is(paramAxis('x', { distribution: 'log_uniform' }, [0, 1]).scale, 'linear');
});

axis('values lists are categories; numbers sorted, declared values kept even if no trial drew them', () => {
  assert.equal(paramAxis('b', { values: [64, 16, 32] }, [32, 16]), {
    path: 'b',
    scale: 'category',
    categories: ['16', '32', '64'],
  });
  assert.equal(paramAxis('a', { distribution: 'categorical', values: ['relu', 'elu'] }, ['elu', 'gelu']), {
    path: 'a',
    scale: 'category',
    categories: ['relu', 'elu', 'gelu'],
  });
});

axis('without sweep.yaml: text is categorical, positive values over 3 decades are log, others linear', () => {
  assert.is(paramAxis('a', undefined, ['relu', 'elu']).scale, 'category');
  assert.is(paramAxis('lr', undefined, [0.00001, 0.05]).scale, 'log');
  assert.is(paramAxis('units', undefined, [16, 128]).scale, 'linear');
  assert.is(paramAxis('units', {}, [16]).scale, 'linear');
});

axis.run();

const value = suite('paramValueOf');

value('numbers as numbers, anything else as the text trials.csv holds', () => {
  assert.is(paramValueOf('0.001'), 0.001);
  assert.is(paramValueOf('relu'), 'relu');
  assert.is(paramValueOf('[3,3]'), '[3,3]');
  assert.is(paramValueOf(''), '');
});

value.run();
