import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { refreshReport } from './refresh.ts';
import { writeRunFixture, writeSweepFixture } from './folders.testkit.ts';
import { writeReport, writeRunReport, writeSweepReport } from './write.ts';

interface Context {
  root: string;
}
const setUp = (context: Context) => {
  context.root = mkdtempSync(join(tmpdir(), 'tfyaml-report-'));
};
const tearDown = ({ root }: Context) => rmSync(root, { recursive: true, force: true });

/** Every http(s) URL in the page except the SVG namespaces, which name a spec and are never fetched. */
function externalUrls(html: string): string[] {
  return html.match(/(?<!\sxmlns(:\w+)?=")https?:\/\/[^\s"'<>)]*/g) ?? [];
}

/** What an offline page must not have: a src/href/url() that goes to the network, a stylesheet or module import. */
function assertSelfContained(html: string): void {
  assert.equal(externalUrls(html), []);
  assert.not.match(html, /\b(src|href|action|poster)\s*=\s*["']?\s*(https?:)?\/\//i);
  assert.not.match(html, /url\(\s*["']?\s*(https?:)?\/\//i);
  assert.not.match(html, /@import|<link\b|<iframe\b|<script[^>]*\bsrc=/i);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map(([, id]) => id!);
  assert.equal(ids.length, new Set(ids).size, 'ids are unique across the inlined SVGs (clip paths refer to them)');
}

const count = (html: string, pattern: RegExp) => (html.match(new RegExp(pattern, 'g')) ?? []).length;
const figures = (html: string) =>
  [...html.matchAll(/<figure class="chart[^"]*" id="chart-[^"]+" data-chart="([^"]+)"/g)].map(([, id]) => id);
const data = (html: string) =>
  JSON.parse(html.match(/<script type="application\/json" id="report-data">(.*?)<\/script>/s)![1]!);

const run = suite<Context>('writeRunReport');
run.before(setUp);
run.after(tearDown);

run('a finished classification run: overview, curves, confusion, per-class accuracy, model table, spec', ({ root }) => {
  const dir = writeRunFixture(join(root, 'pets', '20261126-083012'));
  const written = writeRunReport(dir);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.equal([written.kind, written.path, written.bytes], ['run', join(dir, 'report.html'), Buffer.byteLength(html)]);
  assert.match(html, '<title>pets · 20261126-083012</title>');
  assert.equal(figures(html), [
    'curve-loss',
    'curve-accuracy',
    'curve-auc',
    'learning-rate',
    'confusion',
    'per-class-accuracy',
  ]);
  assert.is(count(html, /<svg /), 6);
  assert.is(count(html, /<table class="model">[\s\S]*?<\/table>/), 1);
  assert.is(
    count(html.match(/<table class="model">[\s\S]*?<\/table>/)![0], /<tbody>|<tr><td><code>/),
    5,
    'tbody + 4 layers',
  );
  assert.match(html, 'Total 5,835 parameters, 5,819 trainable, 16 not');
  assert.match(html, 'wasm (asked for auto)');
  assert.match(html, '<pre><code># Resolved from experiments/pets.yaml');
  assert.match(html, 'earlyStopping', 'summary fields without a row of their own are still listed');
  assert.is(data(html).epochs.length, 12, 'the numbers travel with the page');
  assertSelfContained(html);
});

run('a run still in its first epochs (no summary.json, no confusion): curves only, status unfinished', ({ root }) => {
  const dir = join(root, 'live');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'metrics.csv'),
    'epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second\n1,1.2,0.4,1.1,0.45,0.001,3.1,640\n',
  );
  const html = readFileSync(writeRunReport(dir).path, 'utf8');
  assert.equal(figures(html), ['curve-loss', 'curve-accuracy', 'learning-rate']);
  assert.match(html, 'status-unfinished');
  assert.not.match(html, 'id="classes"');
  assert.not.match(html, 'id="model"');
});

run('a regression run: metrics without accuracy, no classification section', ({ root }) => {
  const dir = join(root, 'houses');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'metrics.csv'),
    'epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second,mae,val_mae\n1,4.2,,4.0,,0.01,1,100,1.7,1.6\n2,3.1,,3.3,,0.01,1,100,1.4,1.5\n',
  );
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify({ status: 'failed', error: 'Error: <b>boom</b>', name: 'houses' }),
  );
  const html = readFileSync(writeRunReport(dir).path, 'utf8');
  assert.equal(figures(html), ['curve-loss', 'curve-mae', 'learning-rate']);
  assert.match(html, 'Error: &lt;b&gt;boom&lt;/b&gt;', 'file contents are escaped');
  assert.not.match(html, '<b>boom');
});

run.run();

const sweep = suite<Context>('writeSweepReport');
sweep.before(setUp);
sweep.after(tearDown);

sweep(
  'trial table (best highlighted, every status), parallel coordinates, one plot per parameter, top curves',
  ({ root }) => {
    const dir = writeSweepFixture(join(root, 'pets-sweep', '20261126-091402'), { trials: 12 });
    const html = readFileSync(writeSweepReport(dir).path, 'utf8');
    assert.match(html, '<title>pets-sweep · 20261126-091402</title>');
    assert.is(count(html, /<tr data-trial="/), 12);
    assert.is(count(html, /<tr data-trial="\d+" data-status="[a-z]+" class="best"/), 1);
    for (const status of ['completed', 'pruned', 'failed', 'diverged']) assert.match(html, `data-status="${status}"`);
    assert.match(html, 'out of memory, &quot;conv2d_1&quot;', "a failed trial's error is shown, escaped");
    assert.equal(figures(html), [
      'parallel-coordinates',
      'metric-vs-training-optimizer-learningRate',
      'metric-vs-training-batchSize',
      'metric-vs-model-layers-4-units',
      'metric-vs-model-layers-0-activation',
      'top-trials',
    ]);
    assert.match(html, 'Log axis: the parameter is log-scaled.');
    assert.match(html, '<table class="sortable trials" id="trial-table">');
    assert.match(html, /<script>\s*\(\(\) => \{/, 'the sorting script is inlined');
    assert.is(data(html).trials.length, 12);
    assertSelfContained(html);
  },
);

sweep('a 30-trial sweep report stays under 2 MB', ({ root }) => {
  const dir = writeSweepFixture(join(root, 'big', 'a'), { trials: 30, epochs: 30 });
  const { bytes } = writeSweepReport(dir);
  console.log(`  30 trials × 30 epochs: ${(bytes / 1024).toFixed(0)} KiB`);
  assert.ok(bytes < 2 * 1024 * 1024, `${bytes} bytes`);
});

sweep('a sweep that has only just started (sweep.yaml, no trial finished) still gets a page', ({ root }) => {
  const dir = join(root, 'fresh');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'sweep.yaml'),
    'name: fresh\nsweep:\n  metric: { name: val_accuracy, goal: maximize }\n  parameters:\n    training.batchSize: { values: [16, 32] }\n',
  );
  const html = readFileSync(writeSweepReport(dir).path, 'utf8');
  assert.match(html, '0 trials');
  assert.equal(figures(html), []);
});

sweep.run();

const detect = suite<Context>('writeReport');
detect.before(setUp);
detect.after(tearDown);

detect('a sweep folder gets a sweep report, a run folder (or a sweep trial) a run report', ({ root }) => {
  const dir = writeSweepFixture(join(root, 's', 'a'), { trials: 2 });
  assert.is(writeReport(dir).kind, 'sweep');
  assert.is(writeReport(join(dir, 'trials', '001')).kind, 'run');
});

detect('anything else is a user error that says what a report needs', ({ root }) => {
  assert.throws(
    () => writeReport(root),
    (error: unknown) => error instanceof RunError && /neither a run .* nor a sweep/.test(error.message),
  );
});

detect('a damaged summary.json is a user error naming the file', ({ root }) => {
  const dir = writeRunFixture(join(root, 'damaged'));
  writeFileSync(join(dir, 'summary.json'), '{"status": "comp');
  assert.throws(
    () => writeReport(dir),
    (error: unknown) =>
      error instanceof RunError && error.message.startsWith(`${join(dir, 'summary.json')} is not valid JSON`),
  );
});

detect.run();

const refresh = suite<Context>('refreshReport');
refresh.before(setUp);
refresh.after(tearDown);

refresh('writes the report; a folder it cannot report on is a warning, not an error', async ({ root }) => {
  const warnings: string[] = [];
  await refreshReport(writeRunFixture(join(root, 'r')), (w) => warnings.push(w));
  assert.equal(warnings, []);
  assert.ok(readFileSync(join(root, 'r', 'report.html'), 'utf8').startsWith('<!doctype html>'));
  await refreshReport(join(root, 'missing'), (w) => warnings.push(w));
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /^⚠ report.html not written: /);
});

refresh.run();
