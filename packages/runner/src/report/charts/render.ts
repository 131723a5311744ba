// ECharts' server-side renderer: an option in, an SVG string out, no DOM and no native code.
import type { EChartsCoreOption } from 'echarts';
import { echarts } from './echarts.ts';
import { THEME_NAME } from './theme.ts';

/** What a chart is, apart from its drawing; `id` names its file under charts/ and its figure in the page. */
export interface ChartFigure {
  id: string;
  title: string;
  /** One sentence under the chart: what is drawn, and anything left out. */
  caption: string;
  /** Pixels; by default two charts side by side fill the page's 1120 px at their own size, so text keeps its size. */
  width?: number;
  height?: number;
}

export interface Chart extends ChartFigure {
  svg: string;
}

export function renderChart(figure: ChartFigure, option: EChartsCoreOption): Chart {
  const { width = 520, height = 300 } = figure;
  const chart = echarts.init(null, THEME_NAME, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return { ...figure, svg: chart.renderToSVGString() };
  } finally {
    chart.dispose(); // an undisposed SSR chart keeps a timer alive, and the process with it
  }
}

/** The chart as a file of its own (for a paper): neutral ink instead of the page's text colour. */
export function standalone(chart: Chart, ink = '#1f2937'): string {
  return chart.svg.replaceAll('currentColor', ink);
}
