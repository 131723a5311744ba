// Guards "every layer the experiment language offers has a wasm parity case": a layer type added to the
// spec schema without a case here fails this test. Activations and optimizers are iterated from the
// vocabulary lists themselves, so they need no guard.
import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LAYER_TYPES } from '@tfyaml/spec-schema';

const test = suite('wasm parity :: coverage');

test('every LAYER_TYPES entry is built by some parity test in this folder', () => {
  const dir = new URL('.', import.meta.url);
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'))
    .join('\n');
  const missing = LAYER_TYPES.filter((type) => !source.includes(`tfl.layers.${type}(`));
  assert.equal(missing, [], `layer types without a parity case: ${missing.join(', ')}`);
});

test.run();
