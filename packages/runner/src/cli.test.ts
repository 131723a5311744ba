import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCli } from './cli.ts';
import { listOf, overridesOf } from './commands/flags.ts';

const cli = suite('createCli');

cli('parses run with repeated --set, --backend and --out', () => {
  const parsed = createCli().parse(
    [
      'node',
      'tfyaml',
      'run',
      'exp.yaml',
      '--set',
      'training.epochs=1',
      '--set',
      'model.layers[0].filters=16',
      '--backend',
      'wasm',
      '--out',
      '/tmp/r',
    ],
    { run: false },
  );
  assert.equal(parsed.args, ['exp.yaml']);
  assert.equal(listOf(parsed.options['set'] as string[]), ['training.epochs=1', 'model.layers[0].filters=16']);
  assert.is(parsed.options['backend'], 'wasm');
  assert.is(parsed.options['out'], '/tmp/r');
});

cli('--out defaults to results and a single --set is a list of one', () => {
  const parsed = createCli().parse(['node', 'tfyaml', 'run', 'exp.yaml', '--set', 'seed=3'], { run: false });
  assert.is(parsed.options['out'], 'results');
  assert.equal(listOf(parsed.options['set'] as string), ['seed=3']);
});

cli('--backend joins the --set overrides last, as one more override', () => {
  assert.equal(overridesOf({ set: 'seed=3', backend: 'wasm' }), ['seed=3', 'backend=wasm']);
  assert.equal(overridesOf({}), []);
});

cli('the README lists exactly the registered commands, in their order', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Commands'),
    readme.indexOf('\n## ', readme.indexOf('## Commands') + 1),
  );
  const listed = [...section.matchAll(/^- `tfyaml ([a-z]+)[ `]/gm)].map((m) => m[1]);
  assert.equal(
    listed,
    createCli().commands.map((c) => c.name),
  );
});

cli.run();
