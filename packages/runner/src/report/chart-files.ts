// `--format svg|png`: every chart of a report also as a file of its own under charts/, for papers and slides.
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { RunError } from '../errors.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { standalone, type Chart } from './charts/render.ts';

export const CHART_FORMATS = ['svg', 'png'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** PNGs at twice the SVG's size: sharp on high-density screens and in print. */
const PNG_ZOOM = 2;

/** Chart ids come from data (metrics.csv headers, sweep parameter paths): file names keep only these characters. */
const UNSAFE_RUN = /[^A-Za-z0-9_-]+/g;
const MAX_NAME_LENGTH = 80;

/** Writes `<dir>/charts/<file name of the chart id>.<format>` and returns the paths written. */
export function writeChartFiles(dir: string, charts: readonly Chart[], formats: readonly ChartFormat[]): string[] {
  if (formats.length === 0 || charts.length === 0) return [];
  const folder = chartsFolder(dir);
  const names = chartFileNames(charts.map((chart) => chart.id));
  return charts.flatMap((chart, i) =>
    formats.map((format) => {
      const path = inside(folder, `${names[i]}.${format}`);
      const svg = standalone(chart);
      // Written aside and renamed: a `charts/<name>.svg` planted as a link out of the run is replaced, not followed.
      writeFileAtomic(path, format === 'svg' ? svg : png(svg));
      return path;
    }),
  );
}

/**
 * One file name per chart id, in order: runs of other characters than letters, digits, `_` and `-` become one `-`
 * (so no `/`, `..` or control character survives), at most 80 characters, and a name taken already (ignoring case,
 * for case-insensitive disks) gets `-2`, `-3`, ….
 */
export function chartFileNames(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const stem =
      id
        .replace(UNSAFE_RUN, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, MAX_NAME_LENGTH) || 'chart';
    let name = stem;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** `<dir>/charts`, created if needed; refused when it is a link or a file (a run folder edited to point elsewhere). */
function chartsFolder(dir: string): string {
  const folder = join(dir, 'charts');
  const found = lstatSync(folder, { throwIfNoEntry: false });
  if (found === undefined) mkdirSync(folder);
  else if (!found.isDirectory()) {
    const what = found.isSymbolicLink() ? 'a link' : 'not a folder';
    throw new RunError(
      `${folder} is ${what}; chart files are written only ` + 'into a plain charts/ folder inside the run',
      'remove it and run tfyaml report again',
    );
  }
  return folder;
}

/** The last guard: a path built from data must resolve inside `folder`, whatever the name rules above let through. */
function inside(folder: string, name: string): string {
  const path = resolve(folder, name);
  if (dirname(path) !== resolve(folder)) {
    throw new Error(`bug: chart file name ${JSON.stringify(name)} leaves ${folder}`);
  }
  return path;
}

/** resvg: a Rust rasterizer shipped as prebuilt npm binaries (no node-canvas, no system libraries); white
 * background, since a transparent PNG with dark ink disappears on dark slides. */
function png(svg: string): Buffer {
  return new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
}
