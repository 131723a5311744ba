import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { experimentSchema } from './schema.ts';

const schema = suite('experimentSchema');

schema('the committed editor schema matches the declaration (run `pnpm write-schema` after changing it)', () => {
  const committed = JSON.parse(readFileSync(new URL('../schema/tfyaml.schema.json', import.meta.url), 'utf8')) as unknown;
  assert.equal(committed, JSON.parse(JSON.stringify(experimentSchema)));
});

schema('every experiment in experiments/ is valid', async () => {
  const { loadSpec } = await import('./load.ts');
  for (const name of ['cifar.yaml', 'quickstart.yaml']) {
    const loaded = loadSpec(new URL(`../../../experiments/${name}`, import.meta.url).pathname);
    assert.is(loaded.warnings.length, 0, name);
  }
});

schema.run();
