// The CLI as users meet it: a real process, its exit code and what it prints.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const BIN = fileURLToPath(new URL('../bin/tfyaml.js', import.meta.url));

const GOOD = `name: cli
data:
  dataset: synthetic
  synthetic: { classes: 2, imageSize: 6, trainSize: 64, testSize: 16 }
model:
  layers:
    - { type: conv2d, filters: 2, kernelSize: 3, activation: relu }
    - { type: flatten }
    - { type: dense, units: 2, activation: softmax }
training: { epochs: 1, batchSize: 16, workers: 1 }
`;

function tfyaml(args: string[], spec?: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'tfyaml-cli-'));
  if (spec !== undefined) writeFileSync(join(cwd, 'exp.yaml'), spec);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout, cwd };
}

function assertUserError(run: ReturnType<typeof tfyaml>, location: string, hint: string) {
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stderr, `✖ ${location}`);
  assert.match(run.stderr, hint);
  assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');
}

const cli = suite('tfyaml CLI');

cli('run trains and writes the run folder; exit 0', () => {
  const run = tfyaml(['run', 'exp.yaml', '--backend', 'wasm', '--out', 'out'], GOOD);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stderr, 'Epoch 1/1: loss');
  const [runId] = readdirSync(join(run.cwd, 'out', 'cli'));
  assert.equal(readdirSync(join(run.cwd, 'out', 'cli', runId!)).sort(), [
    'confusion.csv',
    'metrics.csv',
    'model',
    'preprocessing.json',
    'report.html',
    'spec.yaml',
    'summary.json',
  ]);
});

cli('Ctrl-C stops a run after the current batch, keeps its results and exits 130', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tfyaml-cli-'));
  writeFileSync(
    join(cwd, 'exp.yaml'),
    GOOD.replace('trainSize: 64', 'trainSize: 4000').replace('epochs: 1', 'epochs: 100'),
  );
  const child = spawn(process.execPath, [BIN, 'run', 'exp.yaml', '--out', 'out'], {
    cwd,
    env: { ...process.env, CI: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (/Epoch 1\/100:/.test(stderr)) child.kill('SIGINT');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.is(code, 130, stderr);
  const [runId] = readdirSync(join(cwd, 'out', 'cli'));
  const summary = JSON.parse(readFileSync(join(cwd, 'out', 'cli', runId!, 'summary.json'), 'utf8')) as {
    status: string;
    epochsCompleted: number;
  };
  assert.is(summary.status, 'interrupted');
  assert.ok(summary.epochsCompleted >= 1 && summary.epochsCompleted < 100);
});

cli('YAML syntax error', () => {
  assertUserError(
    tfyaml(['run', 'exp.yaml'], GOOD.replace('dataset: synthetic', 'dataset: [synthetic')),
    'exp.yaml:3:12',
    'hint: this [ is never closed',
  );
});

cli('unknown key', () => {
  assertUserError(
    tfyaml(['run', 'exp.yaml'], GOOD.replace('training:', 'trainng:')),
    'exp.yaml:10:1 trainng: unknown key',
    'did you mean "training"?',
  );
});

cli('unknown layer type', () => {
  assertUserError(
    tfyaml(['run', 'exp.yaml'], GOOD.replace('type: conv2d', 'type: conv2D')),
    'exp.yaml:7:15 model.layers[0].type: unknown layer type "conv2D"',
    'did you mean "conv2d"?',
  );
});

cli('wrong type', () => {
  assertUserError(
    tfyaml(['run', 'exp.yaml'], GOOD.replace('filters: 2', 'filters: "2"')),
    'exp.yaml:7:32 model.layers[0].filters: must be an integer',
    'write 2 without quotes',
  );
});

cli('missing spec file', () => {
  assertUserError(tfyaml(['run', 'nope.yaml']), 'nope.yaml file not found', 'check the path');
});

cli('missing data folder', () => {
  assertUserError(
    tfyaml(
      ['run', 'exp.yaml'],
      GOOD.replace('dataset: synthetic\n', 'dataset: cifar10\n  path: no-such-dir\n').replace(/  synthetic:.*\n/, ''),
    ),
    'exp.yaml:4:9 data.path: folder not found',
    'point data.path at the folder',
  );
});

cli('a bad --set and an unknown backend are reported together', () => {
  const run = tfyaml(['run', 'exp.yaml', '--set', 'training.epochs=two', '--backend', 'gpu'], GOOD);
  assertUserError(run, '--set training.epochs=two training.epochs: must be an integer', 'allowed: auto, tensorflow');
  assert.match(run.stderr, '2 problems found');
});

cli('check prints the Keras-style model summary and exits 0', () => {
  const run = tfyaml(['check', 'exp.yaml', '--set', 'model.layers[0].filters=3'], GOOD);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /conv2d_1 \(Conv2D\) +\[null, 4, 4, 3\] +84\n/);
  assert.match(run.stdout, 'Total params: 182');
  assert.match(run.stderr, '✔ exp.yaml is valid');
  assert.not.match(run.stderr, 'Hi, looks like');
});

cli('check reports a layer the data shape cannot feed at its line', () => {
  assertUserError(
    tfyaml(['check', 'exp.yaml'], GOOD.replace('kernelSize: 3', 'kernelSize: 7')),
    'exp.yaml:7:7 model.layers[0]: this conv2d layer turns [null,6,6,3] into an empty output',
    'use a smaller kernelSize',
  );
});

cli('check places a data error at the spec field it names (data.path), not at a guess', () => {
  const spec = GOOD.replace(/  dataset: synthetic\n  synthetic:.*\n/, '  dataset: images\n  path: .\n').replace(
    'kernelSize: 3',
    'kernelSize: 1',
  );
  assertUserError(tfyaml(['check', 'exp.yaml'], spec), 'exp.yaml:4:9 data.path: ', 'has no class folders');
});

cli('render prints the resolved spec with defaults and overrides', () => {
  const run = tfyaml(['render', 'exp.yaml', '--set', 'training.epochs=3'], GOOD);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, '#   --set training.epochs=3');
  assert.match(run.stdout, 'optimizer:\n    type: adam\n    learningRate: 0.001');
});

cli('render into a full disk (stdout is /dev/full) is one line and exit 1, not lost output and exit 0', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tfyaml-cli-'));
  writeFileSync(join(cwd, 'exp.yaml'), GOOD);
  const full = openSync('/dev/full', 'w');
  const stdio: ['ignore', number, 'pipe'] = ['ignore', full, 'pipe'];
  const run = spawnSync(process.execPath, [BIN, 'render', 'exp.yaml'], { cwd, encoding: 'utf8', stdio });
  closeSync(full);
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stderr, '✖ could not write standard output: no space left on the device (ENOSPC)');
  assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');
});

cli('--help loads neither TensorFlow nor the schema validator, and lists the commands', () => {
  // The validator (1.4 MB of generated code) is required on the first validation: loaded after one, not before.
  const probe = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(fileURLToPath(new URL('./cli.ts', import.meta.url)))});
     const { createRequire } = await import('node:module');
     const loaded = () => Object.keys(createRequire(import.meta.url).cache);
     console.log(loaded().filter((k) => k.includes('tfjs')).length);
     console.log(loaded().filter((k) => k.includes('experiment-validator')).length);
     (await import('@tfyaml/spec-schema')).loadSpecText('name: x\\ndata: { dataset: cifar10 }\\nmodel: { layers: [{ type: flatten }] }\\n', 'x.yaml');
     console.log(loaded().filter((k) => k.includes('experiment-validator')).length);`,
    ],
    { encoding: 'utf8', cwd: fileURLToPath(new URL('.', import.meta.url)) },
  );
  assert.equal(probe.stdout.trim().split('\n'), ['0', '0', '1'], probe.stderr);
  const run = tfyaml(['--help']);
  assert.is(run.code, 0);
  assert.match(run.stdout, /run [<[]file[>\]]/);
  assert.match(run.stdout, 'check <file>');
  assert.match(run.stdout, 'render <file>');
});

cli.run();
