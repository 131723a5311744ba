// The root README's vocabulary lists (datasets, layer types, optimizers, schedules, backends) against the tables in
// spec-schema, so a name added to the language cannot go missing from the README, nor a removed one linger there.
import { readFileSync } from 'node:fs';
import { BACKENDS, DATASET_NAMES, LAYER_TYPES, OPTIMIZER_NAMES, SCHEDULE_TYPES } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The text from the first line starting with `start` up to the next blank line. */
function paragraph(start: string): string {
  const from = README.indexOf(start);
  assert.ok(from >= 0, `README has no paragraph starting "${start}"`);
  const to = README.indexOf('\n\n', from);
  return README.slice(from, to < 0 ? undefined : to);
}

/** Every `code` span of `text`, with the README's `maxPooling1d/2d` shorthand spelled out. */
function names(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].flatMap(([, name]) => {
    const short = /^(.*)1d\/2d$/.exec(name!);
    return short ? [`${short[1]}1d`, `${short[1]}2d`] : [name!];
  });
}

function assertListed(listed: readonly string[], vocabulary: readonly string[], what: string): void {
  const missing = vocabulary.filter((name) => !listed.includes(name));
  assert.equal(missing, [], `README does not list these ${what}: ${missing.join(', ')}`);
}

const test = suite('root README :: vocabulary lists');

test('the Datasets section names every dataset, and the example file lists them all', () => {
  const section = README.slice(
    README.indexOf('## Datasets'),
    README.indexOf('\n## ', README.indexOf('## Datasets') + 1),
  );
  assertListed(names(section), DATASET_NAMES, 'datasets in the Datasets section');
  const comment = /^ {2}dataset: \w+ +# (.*)$/m.exec(README)?.[1] ?? '';
  assert.equal(comment.split(' (')[0]!.split(' | '), [...DATASET_NAMES]);
});

test('"Layer types:" lists exactly the layer types of the language', () => {
  // The list ends where the README turns to what is not offered.
  const listed = names(paragraph('Layer types:').split('Every one trains')[0]!);
  const offered = new Set<string>(LAYER_TYPES);
  assertListed(listed, LAYER_TYPES, 'layer types');
  assert.equal(
    listed.filter((name) => !offered.has(name)),
    [],
    'README lists a layer type the language lacks',
  );
});

test('"Training." names every optimizer and schedule', () => {
  const listed = names(paragraph('**Training.**'));
  assertListed(listed, OPTIMIZER_NAMES, 'optimizers');
  assertListed(listed, SCHEDULE_TYPES, 'schedules');
});

test('the example file lists every backend', () => {
  const comment = /^backend: auto +# (.*)$/m.exec(README)?.[1] ?? '';
  assert.equal(comment.split(' | '), [...BACKENDS]);
});

test.run();
