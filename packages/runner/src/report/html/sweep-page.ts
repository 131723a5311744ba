// The sweep report: which trials ran and how they ended (a sortable table), how the parameters relate to the metric
// (parallel coordinates, one scatter per parameter), and how the best trials learned.
import { metricVsParamCharts } from '../charts/metric-vs-param.ts';
import { parallelChart } from '../charts/parallel.ts';
import type { Chart } from '../charts/render.ts';
import { topTrialsChart } from '../charts/top-trials.ts';
import { shortPath } from '../charts/sweep-axes.ts';
import { ranked, type SweepData, type Trial } from '../read-sweep.ts';
import { escapeHtml } from './escape.ts';
import { formatDuration, formatNumber } from './format.ts';
import { chartGrid, factsTable, figure, renderPage, section, specBlock, statusBadge } from './parts.ts';

/** The order statuses are counted in at the top of the page; any other status follows. */
const STATUS_ORDER = ['completed', 'pruned', 'failed', 'diverged', 'unfinished'];

export function sweepReport(sweep: SweepData): { html: string; charts: Chart[] } {
  const parallel = parallelChart(sweep);
  const scatters = metricVsParamCharts(sweep);
  const curves = topTrialsChart(sweep);
  const best = sweep.trials.find((t) => t.id === sweep.bestId);
  const html = renderPage({
    title: `${sweep.name} · ${sweep.id}`,
    lead: lead(sweep, best),
    sections: [
      best ? section('best', `Best: trial ${best.id}`, bestFacts(sweep, best)) : '',
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
      trials: sweep.trials,
    },
    sortable: true,
  });
  return { html, charts: [parallel, ...scatters, curves].filter((c) => c !== undefined) };
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
    `${sweep.metric.goal} ${escapeHtml(sweep.metric.name)}`,
    best ? `best <strong>${formatNumber(best.value)}</strong> (trial ${best.id})` : '',
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

/** Best first (the ranking best.json uses), then trials without a metric by number. */
function trialTable(sweep: SweepData): string {
  const order = ranked(sweep.trials, sweep.metric.goal);
  const rest = sweep.trials.filter((t) => !order.includes(t)).sort((a, b) => a.id - b.id);
  const head = [
    ...['trial', 'status', sweep.metric.name].map((h) => [h, h]),
    ...sweep.axes.map((a) => [shortPath(a.path), a.path]),
    ...['best epoch', 'epochs', 'time'].map((h) => [h, h]),
  ];
  const rows = [...order, ...rest].map((t) => trialRow(sweep, t)).join('\n');
  return `<p class="lead">Sorted best first; click a column to sort by it.</p>
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
  const isBest = t.id === sweep.bestId;
  const num = (value: number | undefined, text = formatNumber(value)) =>
    `<td class="num" data-sort="${value ?? ''}">${text}</td>`;
  const label = `${isBest ? '★ ' : ''}${t.id}`;
  const cells = [
    `<td data-sort="${t.id}">${t.hasReport && t.folder ? `<a href="${escapeHtml(t.folder)}/report.html">${label}</a>` : label}</td>`,
    `<td data-sort="${escapeHtml(t.status)}">${statusBadge(t.status)}${t.error ? `<div class="error" title="${escapeHtml(t.error)}">${escapeHtml(t.error)}</div>` : ''}</td>`,
    num(t.value, t.value === undefined ? '' : `<strong>${formatNumber(t.value)}</strong>`),
    ...sweep.axes.map((axis) => {
      const value = t.params[axis.path];
      return typeof value === 'number' ? num(value) : `<td>${escapeHtml(value ?? '')}</td>`;
    }),
    num(t.bestEpoch),
    num(t.epochs),
    num(t.seconds, formatDuration(t.seconds)),
  ];
  return `<tr data-trial="${t.id}" data-status="${escapeHtml(t.status)}"${isBest ? ' class="best" title="best trial"' : ''}>${cells.join('')}</tr>`;
}
