// The reports in a real browser: Debian's Chromium, driven by playwright-core, opens a run report and a 30-trial
// sweep report from file://, with every request that is not file: or data: aborted and recorded. Skipped, with a
// message, where /usr/bin/chromium is absent (.ci/run installs it).
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeRunFixture, writeSweepFixture } from './folders.testkit.ts';
import { writeRunReport, writeSweepReport } from './write.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots land here, under the package's test output, for people to look at. */
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/report/', import.meta.url));
const SWEEP_TRIALS = 30;

interface State {
  root: string;
  context: BrowserContext;
  page: Page;
  runUrl: string;
  sweepUrl: string;
  sweepBytes: number;
  leaks: string[];
  errors: string[];
}

const browser = suite<State>('report in Chromium');

if (!existsSync(CHROMIUM)) {
  console.log(`⚠ report browser tests skipped: no ${CHROMIUM} (Debian: apt-get install chromium)`);
} else {
  browser.before(async (state) => {
    state.root = mkdtempSync(join(tmpdir(), 'tfyaml-report-browser-'));
    const run = writeRunFixture(join(state.root, 'pets', '20261126-083012'));
    const sweep = writeSweepFixture(join(state.root, 'pets-sweep', '20261126-091402'), { trials: SWEEP_TRIALS });
    writeRunReport(run);
    state.sweepBytes = writeSweepReport(sweep).bytes;
    state.runUrl = pathToFileURL(join(run, 'report.html')).href;
    state.sweepUrl = pathToFileURL(join(sweep, 'report.html')).href;
    state.context = await chromium.launchPersistentContext(join(state.root, 'profile'), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
    });
    [state.leaks, state.errors] = [[], []];
    // Anything but the file itself and inline data is a request that left the page: recorded, then refused.
    await state.context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      state.leaks.push(url);
      return route.abort();
    });
    state.context.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) state.leaks.push(request.url());
    });
    state.page = state.context.pages()[0] ?? (await state.context.newPage());
    state.page.on('console', (message) => {
      if (message.type() === 'error') state.errors.push(message.text());
    });
    state.page.on('pageerror', (error) => state.errors.push(error.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  browser.after(async (state) => {
    await state.context?.close();
    if (state.root) rmSync(state.root, { recursive: true, force: true });
  });

  browser(
    'run report :: charts, series, tables; no request, no console error',
    async ({ page, runUrl, leaks, errors }) => {
      await page.goto(runUrl, { waitUntil: 'load' });
      const charts = await page.$$eval('figure.chart', (figures) => figures.map((f) => f.getAttribute('data-chart')));
      assert.equal(charts, [
        'curve-loss',
        'curve-accuracy',
        'curve-auc',
        'learning-rate',
        'confusion',
        'per-class-accuracy',
      ]);
      assert.is(await seriesIn(page, 'curve-loss'), 2);
      assert.is(await seriesIn(page, 'learning-rate'), 1);
      assert.is(await dataPointsIn(page, 'confusion'), 9, '3 × 3 heatmap cells');
      assert.is(await dataPointsIn(page, 'per-class-accuracy'), 3);
      assert.is(await page.locator('table.model tbody tr').count(), 4);
      await screenshots(page, 'run');
      assert.equal(leaks, []);
      assert.equal(errors, []);
    },
  );

  browser(
    'sweep report :: 30 trial rows, parallel lines, curves, sorting; no request, no console error',
    async ({ page, sweepUrl, leaks, errors }) => {
      await page.goto(sweepUrl, { waitUntil: 'load' });
      assert.is(await page.locator('#trial-table tbody tr').count(), SWEEP_TRIALS);
      assert.is(await page.locator('#trial-table tr.best').count(), 1);
      const statuses = await page.$$eval('#trial-table tbody tr', (rows) =>
        rows.map((r) => r.getAttribute('data-status')),
      );
      for (const status of ['completed', 'pruned', 'failed', 'diverged'])
        assert.ok(statuses.includes(status), `a ${status} row`);
      // One parallel line per trial with a metric value: not the failed trial 3, not the diverged trial 5.
      assert.is(await dataPointsIn(page, 'parallel-coordinates'), SWEEP_TRIALS - 2);
      // One curve per trial that logged the metric: every trial but the failed one.
      assert.is(await seriesIn(page, 'top-trials'), SWEEP_TRIALS - 1);
      assert.is(await page.locator('figure.chart[data-chart^="metric-vs-"]').count(), 4);
      await page.locator('#trial-table th button', { hasText: /^trial$/ }).click();
      assert.is(await page.locator('#trial-table tbody tr').first().getAttribute('data-trial'), '1');
      await page.locator('#trial-table th button', { hasText: /^trial$/ }).click();
      assert.is(await page.locator('#trial-table tbody tr').first().getAttribute('data-trial'), String(SWEEP_TRIALS));
      await page.reload({ waitUntil: 'load' });
      await screenshots(page, 'sweep');
      assert.equal(leaks, []);
      assert.equal(errors, []);
    },
  );

  browser(
    'sweep report :: a 30-trial report is under 2 MB and opens in under 1 s',
    async ({ page, sweepUrl, sweepBytes }) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        await page.goto('about:blank');
        await page.goto(sweepUrl, { waitUntil: 'load' });
        times.push(
          await page.evaluate(
            () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
          ),
        );
      }
      const median = times.sort((a, b) => a - b)[1]!;
      console.log(
        `  30-trial sweep report: ${(sweepBytes / 1024).toFixed(0)} KiB, opened (load event) in ${median.toFixed(0)} ms (median of ${times.map((t) => t.toFixed(0)).join(', ')})`,
      );
      assert.ok(sweepBytes < 2 * 1024 * 1024, `${sweepBytes} bytes`);
      assert.ok(median < 1000, `${median} ms`);
    },
  );
}

browser.run();

/** Series ECharts drew in a chart: its SSR output tags each series' shapes with ecmeta_series_index. */
async function seriesIn(page: Page, chart: string): Promise<number> {
  return page.$$eval(
    `figure[data-chart="${chart}"] svg [ecmeta_ssr_type="chart"]`,
    (nodes) => new Set(nodes.map((n) => n.getAttribute('ecmeta_series_index'))).size,
  );
}

/** Data items drawn (lines of a parallel plot, cells of a heatmap, bars) across the chart's series. */
async function dataPointsIn(page: Page, chart: string): Promise<number> {
  return page.$$eval(
    `figure[data-chart="${chart}"] svg [ecmeta_ssr_type="chart"][ecmeta_data_index]`,
    (nodes) =>
      new Set(nodes.map((n) => `${n.getAttribute('ecmeta_series_index')}:${n.getAttribute('ecmeta_data_index')}`)).size,
  );
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = join(SCREENSHOTS, `${name}-${scheme}.png`);
    await page.screenshot({ path, fullPage: true });
    assert.ok(statSync(path).size > 10_000, `${path} has content`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
