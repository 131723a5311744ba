// One chart style for light and dark pages: every neutral line and label is `currentColor`, so an inlined SVG takes
// the page's text colour (which follows prefers-color-scheme), and the series colours are mid-tones that read on
// white and on near-black alike. A standalone file swaps `currentColor` for ink (see `standalone` in render.ts).
import { echarts } from './echarts.ts';

export const INK = 'currentColor';

/** Series colours: Tailwind's 500/600 tones, distinguishable and legible on both backgrounds. */
export const PALETTE = [
  '#3b82f6',
  '#f97316',
  '#10b981',
  '#e11d48',
  '#8b5cf6',
  '#0ea5e9',
  '#d97706',
  '#db2777',
  '#65a30d',
  '#64748b',
];

/** The colour of each trial status in charts; the page's badges use the same hues (style.ts). Orange is kept for
 * the best trial. */
export const STATUS_COLORS: Record<string, string> = {
  completed: '#3b82f6',
  pruned: '#8b5cf6',
  timeout: '#8b5cf6',
  diverged: '#e11d48',
  failed: '#e11d48',
  infeasible: '#64748b',
  unfinished: '#10b981',
};

/** Single quotes inside: ECharts writes the family into a double-quoted style attribute without escaping it. */
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";

const axis = () => ({
  axisLine: { lineStyle: { color: INK, opacity: 0.55 } },
  axisTick: { lineStyle: { color: INK, opacity: 0.55 } },
  axisLabel: { color: INK, opacity: 0.85 },
  nameTextStyle: { color: INK },
  splitLine: { lineStyle: { color: INK, opacity: 0.12 } },
  minorSplitLine: { lineStyle: { color: INK, opacity: 0.06 } },
});

export const THEME_NAME = 'tfyaml';

echarts.registerTheme(THEME_NAME, {
  color: PALETTE,
  backgroundColor: 'transparent',
  textStyle: { color: INK, fontFamily: FONT_FAMILY },
  legend: { textStyle: { color: INK }, inactiveColor: INK },
  visualMap: { textStyle: { color: INK } },
  categoryAxis: { ...axis(), splitLine: { show: false } },
  valueAxis: axis(),
  logAxis: axis(),
  timeAxis: axis(),
  parallelAxis: axis(),
  line: { symbol: 'circle' },
});

/** `#3b82f6` at alpha 0.4 → `rgba(59, 130, 246, 0.4)`. */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(3)})`;
}
