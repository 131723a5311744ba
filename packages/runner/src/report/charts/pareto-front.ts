// A multi-objective sweep's trade-off: the first objective against the second, one point per completed trial with
// both, the Pareto front highlighted and joined in order along the x axis (the staircase of the best trade-offs).
import { columnValue } from '../../results/trials-csv.ts';
import type { SweepData, Trial } from '../read-sweep.ts';
import { renderChart, type Chart } from './render.ts';
import { PALETTE, STATUS_COLORS } from './theme.ts';

export function paretoFrontChart(sweep: SweepData): Chart | undefined {
  const [yObjective, xObjective] = sweep.objectives ?? [];
  if (!yObjective || !xObjective || !sweep.frontIds) return undefined;
  const point = (t: Trial) => ({
    name: `trial ${t.id}`,
    value: [columnValue(t, xObjective.name), columnValue(t, yObjective.name)],
  });
  const drawn = sweep.trials.filter(
    (t) =>
      t.status === 'completed' &&
      [xObjective, yObjective].every((o) => Number.isFinite(columnValue(t, o.name) ?? Number.NaN)),
  );
  if (drawn.length === 0) return undefined;
  const front = drawn.filter((t) => sweep.frontIds!.includes(t.id)).map(point);
  front.sort((a, b) => a.value[0]! - b.value[0]!);
  const others =
    sweep.objectives!.length > 2
      ? ' (the front is over every objective, so some front trials may look beaten here)'
      : '';
  return renderChart(
    {
      id: 'pareto-front',
      title: `Pareto front: ${yObjective.name} against ${xObjective.name}`,
      caption: `One point per completed trial; the ${front.length} no other trial beats on every objective are joined${others}. ${yObjective.name}: ${yObjective.goal}, ${xObjective.name}: ${xObjective.goal}.`,
    },
    {
      legend: { top: 4, right: 8 },
      grid: { left: 56, right: 24, top: 40, bottom: 48 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', scale: true, name: xObjective.name, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true, name: yObjective.name },
      series: [
        {
          type: 'scatter',
          name: 'dominated',
          color: STATUS_COLORS['completed'],
          symbolSize: 8,
          itemStyle: { opacity: 0.6 },
          data: drawn.filter((t) => !sweep.frontIds!.includes(t.id)).map(point),
        },
        {
          type: 'line',
          name: 'Pareto front',
          color: PALETTE[1],
          symbol: 'diamond',
          symbolSize: 14,
          lineStyle: { width: 2 },
          label: { show: true, position: 'top', formatter: '{b}', color: 'currentColor', fontSize: 11 },
          data: front,
        },
      ],
    },
  );
}
