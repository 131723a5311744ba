// The building blocks both report pages are made of: the page shell, sections, chart figures and fact tables.
import { TFYAML_VERSION } from '../../version.ts';
import type { Chart } from '../charts/render.ts';
import { escapeHtml, jsonScript } from './escape.ts';
import { SORT_SCRIPT } from './sort-script.ts';
import { STYLE } from './style.ts';

export interface Page {
  title: string;
  /** HTML under the title: status and the headline numbers. */
  lead: string;
  sections: string[];
  /** Everything the page shows, as data, for whoever wants the numbers back out of the file. */
  data: unknown;
  /** Ship the table-sorting script (only the sweep page has a sortable table). */
  sortable?: boolean;
}

export function renderPage({ title, lead, sections, data, sortable = false }: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tfyaml ${TFYAML_VERSION}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p class="lead">${lead}</p></header>
${sections.join('\n')}
<footer>Written by tfyaml ${TFYAML_VERSION} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. One self-contained file: opened from disk, it makes no network request.</footer>
</main>
${jsonScript('report-data', data)}
${sortable ? `<script>${SORT_SCRIPT}</script>` : ''}
</body>
</html>
`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

export function figure(chart: Chart, wide = false): string {
  return (
    `<figure class="chart${wide ? ' wide' : ''}" id="chart-${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}">` +
    `<h3>${escapeHtml(chart.title)}</h3>${chart.svg}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`
  );
}

export function chartGrid(figures: string[]): string {
  return figures.length ? `<div class="charts">${figures.join('\n')}</div>` : '';
}

/** Label → HTML value rows; rows with an empty value are left out. */
export function factsTable(rows: [label: string, html: string][]): string {
  const kept = rows.filter(([, html]) => html !== '');
  return `<div class="table-wrap"><table class="facts"><tbody>${kept.map(([label, html]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${html}</td></tr>`).join('')}</tbody></table></div>`;
}

export function statusBadge(status: string): string {
  return `<span class="status status-${escapeHtml(status.replace(/[^a-z]/gi, ''))}">${escapeHtml(status)}</span>`;
}

export function specBlock(title: string, text: string | undefined): string {
  return text === undefined
    ? ''
    : section(
        'spec',
        title,
        `<details open><summary>show / hide</summary><pre><code>${escapeHtml(text)}</code></pre></details>`,
      );
}
