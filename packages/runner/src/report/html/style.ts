// The report's only stylesheet, inlined. Colours are custom properties swapped by prefers-color-scheme; the charts
// draw their neutral ink in `currentColor`, so they follow the same switch.
export const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --panel: #f9fafb;
  --accent: #2563eb; --best: #fff7ed; --best-edge: #f97316; --bad: #be123c; --pending: #047857; --pruned: #7c3aed; --ok: #1d4ed8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f172a; --fg: #e2e8f0; --muted: #94a3b8; --line: #334155; --panel: #1e293b;
    --accent: #60a5fa; --best: #3b2412; --best-edge: #fb923c; --bad: #fb7185; --pending: #34d399; --pruned: #a78bfa; --ok: #93c5fd; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 0 0 6px; }
a { color: var(--accent); }
.lead { color: var(--muted); margin: 0; }
.lead strong { color: var(--fg); }
code, pre, .num { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.nowrap { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow: auto; max-height: 520px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
figure.chart { margin: 0; padding: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; vertical-align: bottom; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table.facts th { width: 180px; color: var(--muted); font-weight: 500; }
table.facts td { overflow-wrap: anywhere; }
tfoot td { font-weight: 600; border-bottom: 0; }
table.sortable th button { all: unset; cursor: pointer; }
table.sortable th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table.sortable th button::after { content: "\\00a0\\2195"; color: var(--muted); font-size: 11px; }
table.sortable th[aria-sort="ascending"] button::after { content: "\\00a0\\25B2"; color: var(--accent); }
table.sortable th[aria-sort="descending"] button::after { content: "\\00a0\\25BC"; color: var(--accent); }
tbody tr:hover { background: var(--panel); }
tr.best, tr.best:hover { background: var(--best); box-shadow: inset 4px 0 0 var(--best-edge); }
.status { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; border: 1px solid currentColor; }
.status-completed { color: var(--ok); }
.status-pruned, .status-timeout { color: var(--pruned); }
.status-infeasible { color: var(--muted); }
.status-interrupted, .status-unfinished { color: var(--pending); }
.status-failed, .status-diverged { color: var(--bad); }
.error { color: var(--bad); white-space: pre-wrap; }
#trial-table .error { font-size: 12px; max-width: 220px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
details summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;
