import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { didYouMean } from './did-you-mean.ts';
import { formatPath, fromJsonPointer, parsePath, reservedKeyIn } from './paths.ts';

const paths = suite('paths');

paths('parse and format round-trip', () => {
  assert.equal(parsePath('model.layers[0].filters'), ['model', 'layers', 0, 'filters']);
  assert.is(formatPath(['model', 'layers', 0, 'filters']), 'model.layers[0].filters');
  assert.equal(fromJsonPointer('/model/layers/12/kernelSize'), ['model', 'layers', 12, 'kernelSize']);
});

paths('rejects malformed paths', () => {
  for (const bad of ['', 'a..b', 'a[x]', '[0]', 'a.', 'a b']) assert.is(parsePath(bad), undefined, bad);
});

paths('finds the reserved keys that no spec path may contain', () => {
  assert.is(reservedKeyIn(['model', 'layers', 0, 'filters']), undefined);
  assert.is(reservedKeyIn(['training', '__proto__', 'x']), '__proto__');
  assert.is(reservedKeyIn(parsePath('constructor.prototype.x')!), 'constructor');
});

paths.run();

const hints = suite('didYouMean');

hints('finds close names and ignores far ones', () => {
  assert.is(didYouMean('conv2D', ['dense', 'conv2d', 'conv1d']), 'conv2d');
  assert.is(didYouMean('maxpool2d', ['maxPooling2d', 'dense']), 'maxPooling2d');
  assert.is(didYouMean('pool', ['dense', 'flatten']), undefined);
  assert.is(didYouMean('filter', ['filters', 'kernelSize']), 'filters');
});

hints.run();
