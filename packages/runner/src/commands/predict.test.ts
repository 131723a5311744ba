import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '@tfyaml/data';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { trainCsvRun, trainImageRun } from './_trained-runs.ts';
import { evaluateRun } from './evaluate.ts';
import { predictRun } from './predict.ts';

const quiet = { write: () => {}, warn: () => {} };
let csv: { dir: string; folder: string };
let image: { dir: string; folder: string };
/** predictions.csv as records; the names in these tests need no quoting. */
function table(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]!])));
}

const test = suite('predictRun');
test.before(async () => {
  csv = await trainCsvRun();
  image = await trainImageRun();
});
test.after(() => {
  for (const run of [csv, image]) rmSync(run.folder, { recursive: true, force: true });
});

test('predict on a csv-trained run returns exactly what evaluate predicted for the same rows', async () => {
  const evaluation = await evaluateRun(csv.dir, quiet);
  const { out, count } = await predictRun(csv.dir, join(csv.folder, 'test.csv'), quiet);
  assert.is(count, 30);
  const evaluated = table(join(evaluation.out, 'predictions.csv'));
  const predicted = table(out);
  assert.equal(Object.keys(predicted[0]!), ['id', 'predicted', 'big', 'red-small', 'small']);
  assert.equal(
    predicted.map((r) => r['id']),
    evaluated.map((r) => r['id']),
  );
  predicted.forEach((row, i) => {
    const { label: _label, ...same } = evaluated[i]!;
    assert.equal(row, same, `row ${row['id']}`);
  });
});

test('rows without labels, columns in any order; a missing feature column is refused by name', async () => {
  const rows = join(csv.folder, 'unlabelled.csv');
  writeFileSync(rows, 'colour,y,x,name\nred,1,1,p\ngreen,,9,q\n');
  const { out } = await predictRun(csv.dir, rows, { ...quiet, out: join(csv.folder, 'p.csv') });
  assert.equal(
    table(out).map((r) => r['id']),
    ['p', 'q'],
  );
  writeFileSync(rows, 'colour,x,name\nred,1,p\n');
  const error = await predictRun(csv.dir, rows, quiet).catch((e: unknown) => e);
  assert.instance(error, DataError);
  assert.match((error as DataError).message, 'has no column "y" (the model was trained with these columns)');
});

test('an image run predicts an image or a folder; a csv given to it is refused', async () => {
  const { out, count } = await predictRun(image.dir, join(image.folder, 'images'), quiet);
  assert.is(count, 12);
  const rows = table(out);
  assert.equal(Object.keys(rows[0]!), ['id', 'predicted', 'dark', 'light']);
  assert.is(rows[0]!['id'], 'dark/0.png');
  rows.forEach((r) => assert.ok(Math.abs(Number(r['dark']) + Number(r['light']) - 1) < 1e-5));
  const one = await predictRun(image.dir, join(image.folder, 'images', 'light', '5.png'), {
    ...quiet,
    out: join(image.folder, 'one.csv'),
  });
  assert.is(one.count, 1);
  const error = await predictRun(image.dir, join(csv.folder, 'test.csv'), quiet).catch((e: unknown) => e);
  assert.match((error as Error).message, 'This run was trained on [8, 8, 1] images');
});

test('NaN weights: predict names no class and exits with an error, evaluate computes no metric', async () => {
  const broken = join(csv.folder, 'nan-run');
  cpSync(csv.dir, broken, { recursive: true });
  const weights = join(broken, 'model', 'weights.bin');
  writeFileSync(weights, Buffer.alloc(statSync(weights).size, 0xff));
  const predicted = await predictRun(broken, join(csv.folder, 'test.csv'), quiet).catch((e: unknown) => e);
  assert.instance(predicted, RunError);
  assert.match((predicted as RunError).message, 'gives non-finite outputs (NaN or ±Infinity) for all 30 records');
  assert.match((predicted as RunError).hint!, 'summary.json');
  const rows = table(join(broken, 'predictions.csv'));
  assert.is(rows.length, 30);
  rows.forEach((row) => assert.is(row['predicted'], '', `row ${row['id']}`));
  const evaluated = await evaluateRun(broken, quiet).catch((e: unknown) => e);
  assert.instance(evaluated, RunError);
  assert.match((evaluated as RunError).message, 'no loss, metric or confusion matrix was computed');
});

test.run();
