// The sweep report: which trials ran and how they ended (a sortable table), the Pareto front of a multi-objective
// sweep, how the parameters relate to the metric (parallel coordinates, one scatter per parameter), and how the best
// trials learned.
import { metricVsParamCharts } from '../charts/metric-vs-param.ts';
import { parallelChart } from '../charts/parallel.ts';
import { paretoFrontChart } from '../charts/pareto-front.ts';
import { columnValue } from '../../results/trials-csv.ts';
import type { Chart } from '../charts/render.ts';
import { topTrialsChart } from '../charts/top-trials.ts';
import { shortPath } from '../charts/sweep-axes.ts';
import { ranked, type SweepData, type Trial } from '../read-sweep.ts';
import { escapeHtml } from './escape.ts';
import { formatDuration, formatNumber } from './format.ts';
import { chartGrid, factsTable, figure, renderPage, section, specBlock, statusBadge } from './parts.ts';

/** The order statuses are counted in at the top of the page; any other status follows. */
const STATUS_ORDER = ['completed', 'pruned', 'timeout', 'failed', 'diverged', 'infeasible', 'unfinished'];

/** trials.csv's per-trial columns, as the table heads them; shown when some trial has a value. */
const TRIAL_COLUMNS = [
  ['params', 'params', 'trainable parameters'],
  ['inference_ms_per_sample', 'ms / sample', 'predict() time per sample after training'],
  ['peak_rss_mb', 'peak MB', "peak resident memory of the trial's process"],
] as const;

export function sweepReport(sweep: SweepData): { html: string; charts: Chart[] } {
  const parallel = parallelChart(sweep);
  const scatters = metricVsParamCharts(sweep);
  const curves = topTrialsChart(sweep);
  const front = paretoFrontChart(sweep);
  const best = sweep.trials.find((t) => t.id === sweep.bestId);
  const html = renderPage({
    title: `${sweep.name} · ${sweep.id}`,
    lead: lead(sweep, best),
    sections: [
      best ? section('best', `Best: trial ${best.id}`, bestFacts(sweep, best)) : '',
      front ? section('front', 'Pareto front', chartGrid([figure(front, true)])) : '',
      section('trials', 'Trials', trialTable(sweep)),
      parallel ? section('parallel', 'Parameters against the metric', chartGrid([figure(parallel, true)])) : '',
      scatters.length
        ? section(
            'parameters',
            `${sweep.metric.name} against each parameter`,
            chartGrid(scatters.map((c) => figure(c))),
          )
        : '',
      curves ? section('curves', 'Learning curves', chartGrid([figure(curves, true)])) : '',
      specBlock('Sweep spec', sweep.specText),
    ],
    data: {
      kind: 'sweep',
      metric: sweep.metric,
      method: sweep.method,
      axes: sweep.axes,
      bestId: sweep.bestId,
      objectives: sweep.objectives,
      frontIds: sweep.frontIds,
      trials: sweep.trials,
    },
    sortable: true,
  });
  return { html, charts: [front, parallel, ...scatters, curves].filter((c) => c !== undefined) };
}

function lead(sweep: SweepData, best: Trial | undefined): string {
  const counts = new Map<string, number>(STATUS_ORDER.map((status) => [status, 0]));
  for (const t of sweep.trials) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const parts = [
    `${sweep.trials.length} trials${sweep.trials.length ? ':' : ''} ${[...counts]
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${statusBadge(status)}`)
      .join(' ')}`,
    sweep.method ? `${escapeHtml(sweep.method)} search` : '',
    objectivesOf(sweep)
      .map((o) => `${o.goal} ${escapeHtml(o.name)}`)
      .join(', '),
    best ? `best <strong>${formatNumber(best.value)}</strong> (trial ${best.id})` : '',
    sweep.frontIds
      ? `Pareto front: <strong>${sweep.frontIds.length}</strong> trial${sweep.frontIds.length === 1 ? '' : 's'}${sweep.frontIds.length ? ` (${sweep.frontIds.join(', ')})` : ''}`
      : '',
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

function bestFacts(sweep: SweepData, best: Trial): string {
  const sets = Object.entries(best.params)
    .map(([path, value]) => `<code class="nowrap">--set ${escapeHtml(`${path}=${value}`)}</code>`)
    .join(' ');
  return factsTable([
    [
      sweep.metric.name,
      `<strong>${formatNumber(best.value)}</strong>${best.bestEpoch !== undefined ? ` at epoch ${best.bestEpoch}` : ''}`,
    ],
    ...sweep.axes.map(({ path }): [string, string] => [
      path,
      `<code>${escapeHtml(String(best.params[path] ?? ''))}</code>`,
    ]),
    ['Reproduce', sets ? `${sets} on the sweep's experiment` : ''],
    [
      'Run folder',
      best.folder
        ? best.hasReport
          ? `<a href="${escapeHtml(best.folder)}/report.html">${escapeHtml(best.folder)}</a>`
          : `<code>${escapeHtml(best.folder)}</code>`
        : '',
    ],
  ]);
}

/** The sweep metric, or each objective of a multi-objective sweep. */
const objectivesOf = (sweep: SweepData) => sweep.objectives ?? [sweep.metric];

/** The per-trial columns some trial has a value in, objectives left out (they have their own). */
const trialColumnsOf = (sweep: SweepData) =>
  TRIAL_COLUMNS.filter(
    ([column]) =>
      !objectivesOf(sweep).some((o) => o.name === column) &&
      sweep.trials.some((t) => columnValue(t, column) !== undefined),
  );

/** Best first (the ranking best.json uses; the front first for several objectives), then the rest by number. */
function trialTable(sweep: SweepData): string {
  const byMetric = ranked(sweep.trials, sweep.metric.goal);
  const onFront = (t: Trial) => (sweep.frontIds?.includes(t.id) ? 0 : 1);
  const order = sweep.frontIds ? [...byMetric].sort((a, b) => onFront(a) - onFront(b)) : byMetric;
  const rest = sweep.trials.filter((t) => !order.includes(t)).sort((a, b) => a.id - b.id);
  const head = [
    ...['trial', 'status', ...objectivesOf(sweep).map((o) => o.name)].map((h) => [h, h]),
    ...sweep.axes.map((a) => [shortPath(a.path), a.path]),
    ...['best epoch', 'epochs', 'time'].map((h) => [h, h]),
    ...trialColumnsOf(sweep).map(([, label, title]) => [label, title]),
  ];
  const rows = [...order, ...rest].map((t) => trialRow(sweep, t)).join('\n');
  const sorted = sweep.frontIds ? 'Pareto front first (★)' : 'Sorted best first';
  return `<p class="lead">${sorted}; click a column to sort by it.</p>
<div class="table-wrap"><table class="sortable trials" id="trial-table"><thead><tr>${head.map(([label, title]) => `<th scope="col" title="${escapeHtml(title!)}"><button type="button">${breakable(label!)}</button></th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

/** Long parameter paths may wrap after a dot or before an index, so the table fits the page. */
function breakable(label: string): string {
  return escapeHtml(label).replace(/([.])/g, '$1<wbr>').replace(/\[/g, '<wbr>[');
}

function trialRow(sweep: SweepData, t: Trial): string {
  const isBest = t.id === sweep.bestId || sweep.frontIds?.includes(t.id) === true;
  const num = (value: number | undefined, text = formatNumber(value)) =>
    `<td class="num" data-sort="${value ?? ''}">${text}</td>`;
  const label = `${isBest ? '★ ' : ''}${t.id}`;
  const cells = [
    `<td data-sort="${t.id}">${t.hasReport && t.folder ? `<a href="${escapeHtml(t.folder)}/report.html">${label}</a>` : label}</td>`,
    `<td data-sort="${escapeHtml(t.status)}">${statusBadge(t.status)}${t.error ? `<div class="error" title="${escapeHtml(t.error)}">${escapeHtml(t.error)}</div>` : ''}</td>`,
    ...objectivesOf(sweep).map((o) => {
      const value = columnValue(t, o.name);
      return num(value, value === undefined ? '' : `<strong>${formatNumber(value)}</strong>`);
    }),
    ...sweep.axes.map((axis) => {
      const value = t.params[axis.path];
      return typeof value === 'number' ? num(value) : `<td>${escapeHtml(value ?? '')}</td>`;
    }),
    num(t.bestEpoch),
    num(t.epochs),
    num(t.seconds, formatDuration(t.seconds)),
    ...trialColumnsOf(sweep).map(([column]) => num(columnValue(t, column))),
  ];
  return `<tr data-trial="${t.id}" data-status="${escapeHtml(t.status)}"${isBest ? ` class="best" title="${sweep.frontIds ? 'on the Pareto front' : 'best trial'}"` : ''}>${cells.join('')}</tr>`;
}
