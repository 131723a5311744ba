import { DataError } from '@tfyaml/data';
import { SpecError, UserError } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError, UsageError } from './errors.ts';
import { EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, reportError } from './exit.ts';

function capture(error: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(error, (t) => {
    text += t;
  });
  return { code, text };
}

const report = suite('reportError');

report('spec errors: one line per issue, no stack, exit 1', () => {
  const { code, text } = capture(
    new SpecError([
      {
        path: 'model.layers[0].type',
        source: 'exp.yaml',
        line: 7,
        column: 15,
        message: 'unknown layer type "conv2D"',
        hint: 'did you mean "conv2d"?',
      },
      { path: 'training.epochs', source: '--set training.epochs=x', message: 'must be an integer' },
    ]),
  );
  assert.is(code, EXIT_USER_ERROR);
  assert.match(
    text,
    '✖ exp.yaml:7:15 model.layers[0].type: unknown layer type "conv2D"\n    hint: did you mean "conv2d"?',
  );
  assert.match(text, '✖ --set training.epochs=x training.epochs: must be an integer');
  assert.match(text, '2 problems found');
  assert.not.match(text, '    at ');
});

report('data and run errors are user errors with their hint', () => {
  assert.is(capture(new DataError('test_batch.bin is missing')).code, EXIT_USER_ERROR);
  const { text } = capture(new RunError('backend "tensorflow" is not available', 'use --backend wasm'));
  assert.match(text, 'hint: use --backend wasm');
});

report("every package's error is recognised by its UserError base, not by its name", () => {
  class LookAlike extends Error {
    override name = 'DataError';
  }
  assert.is(capture(new LookAlike('named like one')).code, EXIT_INTERNAL_ERROR);
  const { code, text } = capture(new UserError('must be below 1', { specPath: 'data.split.test', hint: 'use 0.2' }));
  assert.is(code, EXIT_USER_ERROR);
  assert.match(text, '✖ data.split.test: must be below 1\n    hint: use 0.2\n');
});

report('the file at fault is named once', () => {
  assert.match(capture(new DataError('the header is empty', { files: ['/d/a.csv'] })).text, '    file: /d/a.csv');
  assert.not.match(capture(new DataError('/d/a.csv: the header is empty', { files: ['/d/a.csv'] })).text, 'file:');
});

report("a usage error prints the command's usage after the hint", () => {
  const { code, text } = capture(
    new UsageError('unknown option --epoch', 'Usage: tfyaml run <file> [options]', 'did you mean --set?'),
  );
  assert.is(code, EXIT_USER_ERROR);
  assert.match(text, '✖ unknown option --epoch\n    hint: did you mean --set?\n\nUsage: tfyaml run <file> [options]\n');
});

report('anything else is a bug: stack and a request to report it', () => {
  const { code, text } = capture(new TypeError('x is undefined'));
  assert.is(code, EXIT_INTERNAL_ERROR);
  assert.match(text, 'TypeError: x is undefined\n    at ');
  assert.match(text, 'This is a bug in tfyaml');
});

report('a disk that is full or failing is one line (exit 1) wherever the write came from, not a bug', () => {
  const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const { code, text } = capture(new Error('saving failed', { cause: full }));
  assert.is(code, EXIT_USER_ERROR);
  assert.match(
    text,
    '✖ could not write a results file: no space left on the device (ENOSPC)\n    hint: free some space',
  );
  assert.not.match(text, '    at ');
  const io = Object.assign(new Error("EIO: i/o error, open '/r/summary.json'"), {
    code: 'EIO',
    path: '/r/summary.json',
  });
  assert.match(capture(io).text, '✖ could not write /r/summary.json: the device reported an I/O error (EIO)');
});

report.run();
