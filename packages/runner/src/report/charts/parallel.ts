// Parallel coordinates: one vertical axis per parameter plus the metric, one line per trial; a parameter that was
// inactive for a trial (a conditional sweep) has no value there (null), and ECharts' line skips that axis.
import { ranked, type SweepData } from '../read-sweep.ts';
import { renderChart, type Chart } from './render.ts';
import { axisFor, coordinate, shortPath } from './sweep-axes.ts';
import { PALETTE } from './theme.ts';

const BEST_COLOR = PALETTE[1]!;
const WEAK_TO_STRONG = [PALETTE[9]!, PALETTE[0]!];

export function parallelChart(sweep: SweepData): Chart | undefined {
  const { axes, metric } = sweep;
  const drawn = ranked(sweep.trials, metric.goal).reverse(); // the best drawn last, on top
  if (drawn.length === 0 || axes.length === 0) return undefined;
  const values = drawn.map((t) => t.value!);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const parallelAxis = [
    ...axes.map((axis, dim) => ({ dim, name: shortPath(axis.path), ...axisFor(axis) })),
    { dim: axes.length, name: metric.name, type: 'value', scale: true, nameTextStyle: { fontWeight: 'bold' } },
  ];
  const data = drawn.map((trial) => ({
    name: `trial ${trial.id}`,
    value: [...axes.map((axis) => coordinate(axis, trial.params[axis.path])), trial.value],
    lineStyle: {
      ...(trial.status === 'pruned' ? { type: 'dashed' } : {}),
      ...(trial.id === sweep.bestId ? { color: BEST_COLOR, width: 3.5, opacity: 1 } : {}),
    },
  }));
  const skipped = sweep.trials.length - drawn.length;
  const inactive = drawn.some((t) => axes.some((axis) => t.params[axis.path] === undefined))
    ? ' A line skips the axes of parameters that were inactive for its trial.'
    : '';
  const notDrawn = skipped
    ? ` Not drawn: ${skipped} trial${skipped === 1 ? '' : 's'} failed, diverged or without a value.`
    : '';
  return renderChart(
    {
      id: 'parallel-coordinates',
      title: 'parallel coordinates',
      width: Math.max(960, 160 * (axes.length + 1)),
      height: 380,
      caption: `One line per trial${drawn.some((t) => t.status === 'pruned') ? ' (dashed: pruned)' : ''}; the better its ${metric.name}, the stronger the line; the best trial is orange.${inactive}${notDrawn}`,
    },
    {
      parallel: {
        left: 110,
        right: 96,
        top: 48,
        bottom: 32,
        parallelAxisDefault: { nameGap: 14, nameTextStyle: { fontSize: 12 } },
      },
      parallelAxis,
      visualMap: {
        show: false,
        type: 'continuous',
        dimension: axes.length,
        min: low,
        max: high === low ? low + 1 : high,
        // Better trials are drawn stronger: the scale runs from the worst value to the best one.
        inRange:
          metric.goal === 'maximize'
            ? { color: WEAK_TO_STRONG, opacity: [0.3, 0.95] }
            : { color: [...WEAK_TO_STRONG].reverse(), opacity: [0.95, 0.3] },
      },
      series: [{ type: 'parallel', data, lineStyle: { width: 1.5 } }],
    },
  );
}
