// The run report: what ran where and how long it took, how it learned, how it classifies, and the model.
import { confusionChart, perClassChart } from '../charts/confusion.ts';
import { learningCurveCharts, learningRateChart } from '../charts/curves.ts';
import type { Chart } from '../charts/render.ts';
import type { LayerRow, SummaryView } from '../../results/summary.ts';
import type { RunData } from '../read-run.ts';
import { escapeHtml } from './escape.ts';
import { formatCount, formatDuration, formatNumber } from './format.ts';
import { chartGrid, factsTable, figure, renderPage, section, specBlock, statusBadge } from './parts.ts';

/** summary.json fields shown in their own rows; any other field is listed as it is. */
const SHOWN = new Set([
  'status',
  'error',
  'name',
  'spec',
  'overrides',
  'seed',
  'startedAt',
  'finishedAt',
  'durationSeconds',
  'epochsCompleted',
  'final',
  'best',
  'test',
  'backend',
  'versions',
  'data',
  'model',
  'perClassAccuracy',
]);

export function runReport(run: RunData): { html: string; charts: Chart[] } {
  const { summary } = run;
  const curves = [
    ...learningCurveCharts(run.columns, run.epochs, summary.best?.epoch),
    learningRateChart(run.epochs),
  ].filter((c) => c !== undefined);
  const classes = [
    run.confusion ? confusionChart(run.confusion) : undefined,
    summary.perClassAccuracy ? perClassChart(summary.perClassAccuracy) : undefined,
  ].filter((c) => c !== undefined);
  const html = renderPage({
    title: `${run.name} · ${run.id}`,
    lead: lead(run),
    sections: [
      section('overview', 'Run', factsTable(facts(summary, run))),
      curves.length ? section('curves', 'Learning curves', chartGrid(curves.map((c) => figure(c)))) : '',
      classes.length ? section('classes', 'Classification (test split)', chartGrid(classes.map((c) => figure(c)))) : '',
      summary.model?.layers ? section('model', 'Model', modelTable(summary.model)) : '',
      specBlock('Resolved spec', run.specText),
    ],
    data: { kind: 'run', summary, columns: run.columns, epochs: run.epochs, confusion: run.confusion },
  });
  return { html, charts: [...curves, ...classes] };
}

function lead({ summary, epochs }: RunData): string {
  const parts = [
    statusBadge(summary.status ?? (epochs.length ? 'unfinished' : 'not started')),
    `${summary.epochsCompleted ?? epochs.length} epochs${summary.durationSeconds !== undefined ? ` in ${formatDuration(summary.durationSeconds)}` : ''}${summary.backend?.name ? ` on ${escapeHtml(summary.backend.name)}` : ''}`,
    summary.test ? `test ${metricList(summary.test)}` : '',
    summary.best
      ? `best ${escapeHtml(summary.best.metric)} <strong>${formatNumber(summary.best.value)}</strong> at epoch ${summary.best.epoch}`
      : '',
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

function facts(summary: SummaryView, run: RunData): [string, string][] {
  const seconds = run.epochs.map((r) => r['seconds']).filter((s) => s !== undefined);
  const speeds = run.epochs.map((r) => r['samples_per_second']).filter((s) => s !== undefined);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const { backend, data } = summary;
  return [
    [
      'Status',
      `${statusBadge(summary.status ?? 'unfinished')}${summary.error ? `<div class="error">${escapeHtml(summary.error)}</div>` : ''}`,
    ],
    ['Experiment file', summary.spec ? `<code>${escapeHtml(summary.spec)}</code>` : ''],
    ['Started', summary.startedAt ? escapeHtml(utc(summary.startedAt)) : ''],
    ['Duration', formatDuration(summary.durationSeconds)],
    [
      'Epoch time',
      seconds.length
        ? `${formatDuration(mean(seconds))} per epoch${speeds.length ? `, ${formatCount(Math.round(mean(speeds)))} samples/s` : ''}`
        : '',
    ],
    ['Test', summary.test ? metricList(summary.test) : ''],
    [
      'Backend',
      backend?.name
        ? `${escapeHtml(backend.name)}${backend.requested ? ` (asked for ${escapeHtml(backend.requested)})` : ''}${skipped(backend.skipped)}`
        : '',
    ],
    [
      'Versions',
      Object.entries(summary.versions ?? {})
        .map(([k, v]) => `${escapeHtml(k)} <code>${escapeHtml(v)}</code>`)
        .join(', '),
    ],
    ['Seed', summary.seed === undefined ? '' : String(summary.seed)],
    ['Overrides', (summary.overrides ?? []).map((o) => `<code>--set ${escapeHtml(o)}</code>`).join(' ')],
    [
      'Data',
      data?.dataset
        ? escapeHtml(
            `${data.dataset}${data.source ? ` (${data.source})` : ''}: ${data.train ?? '?'} train, ${data.test ?? '?'} test, validation ${String(data.validation ?? '?')}`,
          )
        : '',
    ],
    ['Classes', escapeHtml((data?.classNames ?? []).join(', '))],
    ...Object.entries(summary)
      .filter(([key]) => !SHOWN.has(key))
      .map(([key, value]): [string, string] => [key, `<code>${escapeHtml(JSON.stringify(value))}</code>`]),
  ];
}

function skipped(list: { name: string; reason: string }[] | undefined): string {
  if (!list?.length) return '';
  return `<details><summary>skipped ${list.map((s) => escapeHtml(s.name)).join(', ')}</summary>${list.map((s) => `<div><code>${escapeHtml(s.name)}</code>: ${escapeHtml(s.reason)}</div>`).join('')}</details>`;
}

function metricList(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${escapeHtml(k)} <strong>${formatNumber(v)}</strong>`)
    .join(', ');
}

function utc(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

/** Keras' model.summary() as a table; the inputs column only for graph models. */
function modelTable(model: NonNullable<SummaryView['model']>): string {
  const layers = model.layers ?? [];
  const graph = layers.some((l) => (l.inputs ?? []).length > 0);
  const head = ['Layer', 'Type', 'Output shape', 'Params', ...(graph ? ['Inputs'] : [])];
  const row = (l: LayerRow) =>
    `<tr><td><code>${escapeHtml(l.name)}</code></td><td>${escapeHtml(l.type)}</td><td class="num">${escapeHtml(shape(l.outputShape))}</td>` +
    `<td class="num">${formatCount(l.params)}</td>${graph ? `<td><code>${escapeHtml((l.inputs ?? []).join(', '))}</code></td>` : ''}</tr>`;
  const total = model.totalParams;
  const trainable = model.trainableParams;
  const foot = `<tr><td colspan="3">Total ${formatCount(total)} parameters${trainable !== undefined ? `, ${formatCount(trainable)} trainable` : ''}${total !== undefined && trainable !== undefined && total > trainable ? `, ${formatCount(total - trainable)} not` : ''}</td><td class="num">${formatCount(total)}</td>${graph ? '<td></td>' : ''}</tr>`;
  return (
    `<div class="table-wrap"><table class="model"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${layers.map(row).join('')}</tbody><tfoot>${foot}</tfoot></table></div>`
  );
}

/** [null, 14, 14, 8] → (None, 14, 14, 8), as Keras prints it; several outputs, one after the other. */
function shape(value: unknown): string {
  if (!Array.isArray(value)) return '';
  if (value.some(Array.isArray)) return value.map(shape).join(' ');
  return `(${value.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}
