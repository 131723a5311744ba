// The metric against each parameter: one scatter plot per parameter, trials coloured by status, the best one marked.
// A trial for which the parameter was inactive (a conditional sweep) has no point on that parameter's plot.
import type { ParamAxis } from '../param-axis.ts';
import type { SweepData, Trial } from '../read-sweep.ts';
import { renderChart, type Chart } from './render.ts';
import { axisFor, coordinate, shortPath } from './sweep-axes.ts';
import { PALETTE, STATUS_COLORS } from './theme.ts';

export function metricVsParamCharts(sweep: SweepData): Chart[] {
  const withValue = sweep.trials.filter((t) => t.value !== undefined);
  if (withValue.length === 0) return [];
  return sweep.axes.flatMap((axis) => {
    const active = withValue.filter((t) => t.params[axis.path] !== undefined);
    return active.length === 0 ? [] : [scatter(sweep, axis, active, withValue.length - active.length)];
  });
}

function scatter(sweep: SweepData, axis: ParamAxis, trials: readonly Trial[], inactive: number): Chart {
  const point = (t: Trial) => ({ name: `trial ${t.id}`, value: [coordinate(axis, t.params[axis.path]), t.value] });
  const statuses = [...new Set(trials.map((t) => t.status))];
  const best = trials.filter((t) => t.id === sweep.bestId);
  const series = [
    ...statuses.map((status) => ({
      type: 'scatter',
      name: status,
      color: STATUS_COLORS[status] ?? PALETTE[9],
      symbolSize: 9,
      itemStyle: { opacity: 0.8 },
      data: trials.filter((t) => t.status === status && t.id !== sweep.bestId).map(point),
    })),
    ...(best.length
      ? [{ type: 'scatter', name: 'best', color: PALETTE[1], symbol: 'diamond', symbolSize: 16, data: best.map(point) }]
      : []),
  ];
  return renderChart(
    {
      id: `metric-vs-${axis.path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      title: `${sweep.metric.name} vs ${axis.path}`,
      caption: `${axis.scale === 'log' ? 'Log axis: the parameter is log-scaled. ' : ''}One point per trial with a ${sweep.metric.name}.${inactive ? ` Left out: ${inactive} trial${inactive === 1 ? '' : 's'} where it was inactive.` : ''}`,
    },
    {
      legend: { top: 4, right: 8 },
      grid: { left: 56, right: 24, top: 40, bottom: 48 },
      xAxis: { ...axisFor(axis), name: shortPath(axis.path), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true },
      series,
    },
  );
}
