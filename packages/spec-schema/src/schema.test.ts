import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { experimentSchema } from './schema.ts';

const schema = suite('experimentSchema');

schema('the committed editor schema matches the declaration (run `pnpm write-schema` after changing it)', () => {
  const committed = JSON.parse(
    readFileSync(new URL('../schema/tfyaml.schema.json', import.meta.url), 'utf8'),
  ) as unknown;
  assert.equal(committed, JSON.parse(JSON.stringify(experimentSchema)));
});

schema('every experiment in experiments/ is valid, warning-free and names the editor schema', async () => {
  const { loadSpec } = await import('./load.ts');
  const folder = new URL('../../../experiments/', import.meta.url);
  const names = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
  assert.ok(names.length >= 5);
  for (const name of names) {
    const file = new URL(name, folder).pathname;
    assert.is(loadSpec(file).warnings.length, 0, name);
    assert.match(
      readFileSync(file, 'utf8').split('\n')[0]!,
      '# yaml-language-server: $schema=../packages/spec-schema/schema/tfyaml.schema.json',
      name,
    );
  }
});

schema.run();
