import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { trainCsvRun, trainImageRun } from './_trained-runs.ts';
import { evaluateRun } from './evaluate.ts';

const quiet = { write: () => {}, warn: () => {} };
let csv: { dir: string; folder: string };
let image: { dir: string; folder: string };

const test = suite('evaluateRun');
test.before(async () => {
  csv = await trainCsvRun();
  image = await trainImageRun();
});
test.after(() => {
  for (const run of [csv, image]) rmSync(run.folder, { recursive: true, force: true });
});

test("the test split again: the run's own test metrics, a confusion matrix and per-row predictions", async () => {
  let printed = '';
  const result = await evaluateRun(csv.dir, {
    write: (t) => {
      printed += t;
    },
    warn: () => {},
  });
  const summary = JSON.parse(readFileSync(join(csv.dir, 'summary.json'), 'utf8')) as { test: Record<string, number> };
  assert.is(result.count, 30);
  assert.ok(Math.abs(result.loss - summary.test['loss']!) < 1e-5, `loss ${result.loss} vs ${summary.test['loss']}`);
  assert.ok(Math.abs(result.metrics['accuracy']! - summary.test['accuracy']!) < 1e-6);
  assert.is(
    result.confusion!.flat().reduce((a, b) => a + b, 0),
    30,
  );
  const lines = readFileSync(join(result.out, 'predictions.csv'), 'utf8').trim().split('\n');
  assert.is(lines[0], 'id,label,predicted,big,red-small,small');
  assert.is(lines.length, 31);
  assert.match(lines[1]!, /^500,/);
  assert.match(printed, 'Confusion matrix (rows: true class, columns: predicted):');
  assert.ok(readFileSync(join(result.out, 'confusion.csv'), 'utf8').startsWith('true\\predicted,big,red-small,small'));
});

test("--data: another labelled file, read with the run's layout; unknown classes are refused by row", async () => {
  const other = join(csv.folder, 'other.csv');
  writeFileSync(other, 'kind,colour,y,x,name\nbig,red,9,9,a\nsmall,blue,1,1,b\n');
  const result = await evaluateRun(csv.dir, { ...quiet, data: other, out: join(csv.folder, 'eval-other') });
  assert.is(result.count, 2);
  writeFileSync(other, 'kind,colour,y,x,name\nhuge,red,9,9,a\n');
  const error = await evaluateRun(csv.dir, { ...quiet, data: other }).catch((e: unknown) => e as Error);
  assert.match(
    (error as Error).message,
    `${other}:2: column "kind": "huge" is not one of the classes (big, red-small, small)`,
  );
});

test('an image run: its test split from the cached folder, and --data as a class folder', async () => {
  const result = await evaluateRun(image.dir, quiet);
  assert.is(result.count, 6);
  assert.equal(
    result.confusion!.map((row) => row.reduce((a, b) => a + b, 0)),
    [3, 3],
  );
  const again = await evaluateRun(image.dir, {
    ...quiet,
    data: join(image.folder, 'images'),
    out: join(image.folder, 'all'),
  });
  assert.is(again.count, 12);
});

test('a folder that is not a run, or whose model and preprocessing disagree, is refused clearly', async () => {
  const notRun = await evaluateRun(csv.folder, quiet).catch((e: unknown) => e);
  assert.instance(notRun, RunError);
  assert.match((notRun as RunError).message, 'is not a run folder with preprocessing.json');
  const path = join(csv.dir, 'preprocessing.json');
  const original = readFileSync(path, 'utf8');
  try {
    writeFileSync(path, JSON.stringify({ ...JSON.parse(original), inputShape: [7] }));
    const mismatch = await evaluateRun(csv.dir, quiet).catch((e: unknown) => e);
    assert.instance(mismatch, RunError);
    assert.match((mismatch as RunError).message, 'takes inputs of shape [5], but preprocessing.json prepares [7]');
  } finally {
    writeFileSync(path, original);
  }
});

test.run();
