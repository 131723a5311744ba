import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpecText } from './load.ts';
import { parseOverride } from './overrides.ts';

const VALID =
  'name: demo\ndata: { dataset: cifar10 }\nmodel:\n  layers:\n    - { type: flatten }\n    - { type: dense, units: 10, activation: softmax }\n';

function issuesOf(overrides: string[]): SpecIssue[] {
  try {
    loadSpecText(VALID, 'exp.yaml', { overrides });
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}

const reserved = suite('parseOverride :: reserved path segments and values');

reserved('__proto__, prototype and constructor are refused in a path, and Object.prototype stays clean', () => {
  for (const argument of [
    '__proto__.polluted=1',
    'training.__proto__.polluted=1',
    'constructor.prototype.polluted=1',
    'model.layers[0].prototype=1',
  ]) {
    const [issue] = issuesOf([argument]);
    assert.is(issue?.source, `--set ${argument}`);
    assert.match(issue?.message ?? '', /^"(__proto__|constructor|prototype)" cannot be part of a spec path$/, argument);
    assert.match(issue?.hint ?? '', 'are never spec keys');
  }
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

reserved('extends cannot be set: the bases were read before, and the named file is never opened', () => {
  const [issue, ...more] = issuesOf(['extends=/etc/passwd']);
  assert.is(more.length, 0);
  assert.is(issue?.source, '--set extends=/etc/passwd');
  assert.is(issue?.path, 'extends');
  assert.is(issue?.message, 'cannot be set with --set');
  assert.match(issue?.hint ?? '', 'write extends: in the experiment file');
});

reserved('a value with a reserved key is refused', () => {
  const [issue] = issuesOf(['training={__proto__: {polluted: 1}}']);
  assert.is(issue?.message, 'the value: "__proto__" cannot be a key');
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

reserved('an alias bomb in a value is refused, not expanded', () => {
  const levels = [
    '&a [x, x, x, x, x, x, x, x, x]',
    ...'abcdefg'.split('').map((n, i) => `&${'bcdefgh'[i]} [${Array(9).fill(`*${n}`).join(', ')}]`),
  ];
  const result = parseOverride(`model.extra=[${levels.join(', ')}]`);
  assert.ok(!('value' in result), 'refused');
  assert.match(!('value' in result) ? result.message : '', 'alias bomb');
});

reserved('a value with a key written twice is refused', () => {
  const result = parseOverride('training={epochs: 1, epochs: 2}');
  assert.is(!('value' in result) ? result.message : '', 'the value: Map keys must be unique');
});

reserved('a value nested thousands of levels deep is refused in words', () => {
  const result = parseOverride(`model.extra=${'['.repeat(20000)}${']'.repeat(20000)}`);
  assert.is(!('value' in result) ? result.message : '', 'the value is nested too deeply to read');
});

reserved('ordinary values still parse as YAML', () => {
  assert.equal(parseOverride('model.layers[0].filters=16'), {
    path: ['model', 'layers', 0, 'filters'],
    value: 16,
    argument: 'model.layers[0].filters=16',
  });
  assert.equal((parseOverride('training.optimizer={type: sgd}') as { value: unknown }).value, { type: 'sgd' });
});

reserved.run();
