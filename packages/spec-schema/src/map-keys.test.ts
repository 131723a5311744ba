import { parseDocument } from 'yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mapKeyProblems } from './map-keys.ts';

const keys = suite('mapKeyProblems');
const problemsOf = (text: string) => mapKeyProblems(parseDocument(text, { uniqueKeys: false }));

keys('a key written twice in one map, at the second one', () => {
  const text = 'training:\n  epochs: 1\n  batchSize: 2\n  epochs: 3\nother: { epochs: 1 }\n';
  const problems = problemsOf(text);
  assert.equal(
    problems.map((p) => [p.offset, p.message]),
    [[text.lastIndexOf('  epochs') + 2, 'Map keys must be unique']],
  );
  assert.match(problems[0]!.hint, '"epochs" is already set earlier in the same map');
});

keys('__proto__, prototype and constructor are refused in any map', () => {
  const problems = problemsOf('__proto__: 1\na: { b: [ { constructor: 2 } ], prototype: 3 }\n');
  assert.equal(problems.map((p) => p.message).sort(), [
    '"__proto__" cannot be a key',
    '"constructor" cannot be a key',
    '"prototype" cannot be a key',
  ]);
});

keys('a map of 20 000 distinct keys has no problem; a repeat after them is found', () => {
  const text = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join('\n');
  assert.equal(
    problemsOf(`${text}\nk19999: again\n`).map((p) => p.offset),
    [text.length + 1],
  );
});

keys.run();
