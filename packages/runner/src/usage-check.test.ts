import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCli } from './cli.ts';
import { UsageError } from './errors.ts';
import { checkUsage, valuesAsText } from './usage-check.ts';

/** The UsageError the command line gets, or undefined when it passes. */
function problem(...args: string[]): UsageError | undefined {
  const cli = createCli();
  cli.parse(['node', 'tfyaml', ...args], { run: false });
  valuesAsText(cli);
  try {
    checkUsage(cli);
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
}

const usage = suite('checkUsage');

usage('a well-formed command line passes', () => {
  assert.is(problem('run', 'exp.yaml', '--set', 'seed=1', '--set', 'training.epochs=2', '--out', 'o'), undefined);
  assert.is(problem('sweep', '--resume', 'results/x/1'), undefined);
  assert.is(problem(), undefined);
});

usage("an unknown option is named, the closest one suggested, the command's usage shown", () => {
  const error = problem('run', 'exp.yaml', '--bakend', 'wasm')!;
  assert.is(error.message, 'unknown option --bakend for tfyaml run');
  assert.is(error.hint, 'did you mean --backend?');
  assert.match(error.usage, /Usage: tfyaml run [<[]file[>\]] \[options\]/);
  assert.match(error.usage, '--set <path=value>');
});

usage("an option with nothing close points at --set and lists the command's options", () => {
  const error = problem('sweep', 'exp.yaml', '--bogus', '3')!;
  assert.is(error.message, 'unknown option --bogus for tfyaml sweep');
  assert.match(error.hint!, 'spec values are changed with --set, e.g. --set training.epochs=3');
  assert.match(error.hint!, '--backend, --out, --resume');
  assert.is(problem('run', 'exp.yaml', '--max-epochs', '3')!.message, 'unknown option --max-epochs for tfyaml run');
});

usage('an unknown command suggests the closest, or run for a YAML file', () => {
  assert.is(problem('chek', 'exp.yaml')!.hint, 'did you mean "check"?');
  const yaml = problem('exp.yaml')!;
  assert.is(yaml.message, 'unknown command "exp.yaml"');
  assert.is(yaml.hint, 'to train it: tfyaml run exp.yaml');
  assert.match(yaml.usage, 'Commands:');
});

usage('a missing argument, a missing value, a repeated option, an argument too many', () => {
  assert.is(problem('predict', 'results/x/1')!.message, 'predict needs <input>');
  assert.is(problem('check')!.message, 'check needs <file>');
  assert.is(problem('run', 'exp.yaml', '--out')!.message, '--out needs a value');
  assert.is(problem('run', 'exp.yaml', '--set', 'seed=1', '--set')!.message, '--set needs a value');
  assert.is(problem('run', 'exp.yaml', '--out', 'a', '--out', 'b')!.message, '--out is given 2 times');
  assert.is(problem('check', 'a.yaml', 'b.yaml')!.message, 'check takes 1 argument; unexpected "b.yaml"');
});

usage('a dotted option (--set.x 3) and an empty argument are usage errors, not crashes', () => {
  const dotted = problem('check', 'exp.yaml', '--set.x', '3')!;
  assert.is(dotted.message, '--set.x is not an option');
  assert.is(dotted.hint, 'did you mean --set x=…?');
  assert.is(problem('render', '')!.message, 'render: <file> is empty');
});

usage('an option without a command is checked against the global ones', () => {
  assert.is(problem('--bogus')!.message, 'unknown option --bogus for tfyaml');
});

usage('numbers stay text: --out 2024 is a folder name', () => {
  const cli = createCli();
  cli.parse(['node', 'tfyaml', 'report', '20261126', '--format', '1'], { run: false });
  valuesAsText(cli);
  assert.equal(cli.args, ['20261126']);
  assert.is(cli.options['format'], '1');
});

usage.run();
