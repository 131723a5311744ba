import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { chartFileNames, writeChartFiles } from './chart-files.ts';
import type { Chart } from './charts/render.ts';

const names = suite('chartFileNames');

names('keeps plain ids and turns every other character run into one dash', () => {
  assert.equal(chartFileNames(['curve-loss', 'metric-vs-model-layers-0-filters', 'curve-top_5']), [
    'curve-loss',
    'metric-vs-model-layers-0-filters',
    'curve-top_5',
  ]);
  assert.equal(chartFileNames(['curve-x/../../../../elsewhere/PWNED']), ['curve-x-elsewhere-PWNED']);
  assert.equal(chartFileNames(['..', '', 'a\u0000b\nc', 'C:\\evil']), ['chart', 'chart-2', 'a-b-c', 'C-evil']);
});

names('resolves collisions, ignoring case, and caps the length', () => {
  assert.equal(chartFileNames(['curve-a/b', 'curve-a.b', 'curve-A-b', 'curve-a-b-2']), [
    'curve-a-b',
    'curve-a-b-2',
    'curve-A-b-3',
    'curve-a-b-2-2',
  ]);
  const [long] = chartFileNames(['x'.repeat(500)]);
  assert.is(long, 'x'.repeat(80));
});

names.run();

const files = suite('writeChartFiles');

const chart = (id: string): Chart => ({ id, title: id, caption: '', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });

function runFolder(): { sandbox: string; dir: string } {
  const sandbox = mkdtempSync(join(tmpdir(), 'tfyaml-chart-files-'));
  const dir = join(sandbox, 'results', 'run');
  mkdirSync(dir, { recursive: true });
  return { sandbox, dir };
}

files('a chart id that climbs out of the run is written inside charts/', () => {
  const { sandbox, dir } = runFolder();
  const written = writeChartFiles(dir, [chart('curve-x/../../../PWNED'), chart('curve-x/../../../pwned')], ['svg']);
  assert.equal(readdirSync(join(dir, 'charts')).sort(), ['curve-x-PWNED.svg', 'curve-x-pwned-2.svg']);
  assert.equal(written, [join(dir, 'charts', 'curve-x-PWNED.svg'), join(dir, 'charts', 'curve-x-pwned-2.svg')]);
  assert.equal(readdirSync(sandbox), ['results']);
  rmSync(sandbox, { recursive: true, force: true });
});

files('a charts/ link out of the run is refused, and nothing is written through it', () => {
  const { sandbox, dir } = runFolder();
  mkdirSync(join(sandbox, 'elsewhere'));
  symlinkSync(join(sandbox, 'elsewhere'), join(dir, 'charts'));
  assert.throws(
    () => writeChartFiles(dir, [chart('curve-loss')], ['svg']),
    (error: unknown) => error instanceof RunError && /charts is a link/.test(error.message),
  );
  assert.equal(readdirSync(join(sandbox, 'elsewhere')), []);
  rmSync(sandbox, { recursive: true, force: true });
});

files('a chart file planted as a link is replaced by the chart, and the link target is left alone', () => {
  const { sandbox, dir } = runFolder();
  writeFileSync(join(sandbox, 'precious.txt'), 'keep me');
  mkdirSync(join(dir, 'charts'));
  symlinkSync(join(sandbox, 'precious.txt'), join(dir, 'charts', 'curve-loss.svg'));
  writeChartFiles(dir, [chart('curve-loss')], ['svg']);
  assert.is(readFileSync(join(sandbox, 'precious.txt'), 'utf8'), 'keep me');
  assert.ok(!lstatSync(join(dir, 'charts', 'curve-loss.svg')).isSymbolicLink());
  assert.ok(existsSync(join(dir, 'charts', 'curve-loss.svg')));
  rmSync(sandbox, { recursive: true, force: true });
});

files.run();
