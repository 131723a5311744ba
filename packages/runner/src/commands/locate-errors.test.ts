import { DataError } from '@tfyaml/data';
import { loadSpecText, SpecError } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { locateErrors } from './locate-errors.ts';

const loaded = loadSpecText(
  `name: x
data:
  dataset: synthetic
  split: { test: 0.99 }
model:
  layers: [{ type: dense, units: 2, activation: softmax }]
`,
  'exp.yaml',
);

async function thrown(error: Error): Promise<unknown> {
  try {
    await locateErrors(loaded, () => {
      throw error;
    });
  } catch (caught) {
    return caught;
  }
  throw new Error('locateErrors did not rethrow');
}

const locate = suite('locateErrors');

locate("an error naming its spec field is placed at that field's line", async () => {
  const message = 'data.split.test 0.99 leaves no training records';
  const error = await thrown(new DataError(message, { specPath: 'data.split.test', hint: 'use 0.2' }));
  assert.instance(error, SpecError);
  const [issue] = (error as SpecError).issues;
  assert.equal(
    { ...issue },
    { path: 'data.split.test', source: 'exp.yaml', line: 4, column: 18, message, hint: 'use 0.2' },
  );
});

locate('an error without a spec field is not blamed on data.path: it passes through unchanged', async () => {
  const error = new DataError('Downloading https://x failed');
  assert.is(await thrown(error), error);
});

locate('a bug passes through unchanged', async () => {
  const bug = new TypeError('x is undefined');
  assert.is(await thrown(bug), bug);
});

locate.run();
