// `--format svg|png`: every chart of a report also as a file of its own under charts/, for papers and slides.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { standalone, type Chart } from './charts/render.ts';

export const CHART_FORMATS = ['svg', 'png'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** PNGs at twice the SVG's size: sharp on high-density screens and in print. */
const PNG_ZOOM = 2;

/** Writes `<dir>/charts/<chart id>.<format>` and returns the paths written. */
export function writeChartFiles(dir: string, charts: readonly Chart[], formats: readonly ChartFormat[]): string[] {
  if (formats.length === 0 || charts.length === 0) return [];
  const folder = join(dir, 'charts');
  mkdirSync(folder, { recursive: true });
  return charts.flatMap((chart) => formats.map((format) => {
    const path = join(folder, `${chart.id}.${format}`);
    const svg = standalone(chart);
    writeFileSync(path, format === 'svg' ? svg : png(svg));
    return path;
  }));
}

/** resvg: a Rust rasterizer shipped as prebuilt npm binaries (no node-canvas, no system libraries); white
 * background, since a transparent PNG with dark ink disappears on dark slides. */
function png(svg: string): Buffer {
  return new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  }).render().asPng();
}
