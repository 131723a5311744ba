// The sweep metric per epoch for every trial: the top few in colour with a legend, the rest as faint context lines.
// Each line ends with a mark at its last epoch: a dot, or a cross for a trial pruned there.
import { ranked, type SweepData, type Trial } from '../read-sweep.ts';
import { epochAxis, GRID } from './axes.ts';
import { renderChart, type Chart } from './render.ts';
import { INK, PALETTE } from './theme.ts';

const TOP_TRIALS = 5;

const CROSS = 'path://M2 0L5 3L8 0L10 2L7 5L10 8L8 10L5 7L2 10L0 8L3 5L0 2Z';

export function topTrialsChart(sweep: SweepData): Chart | undefined {
  const column = sweep.metric.name;
  const drawn = sweep.trials.filter((t) => t.curve.some((row) => row[column] !== undefined));
  if (drawn.length === 0) return undefined;
  const top = ranked(drawn, sweep.metric.goal).slice(0, TOP_TRIALS);
  const others = drawn.filter((t) => !top.includes(t));
  const label = (t: Trial) => `trial ${t.id}${t.id === sweep.bestId ? ' (best)' : ''}`;
  const grey = others.map((t) => ({
    ...curve(t, column, label(t), INK),
    lineStyle: { width: 1, opacity: 0.3 },
    itemStyle: { opacity: 0.6 },
  }));
  const coloured = top.map((t, i) => ({ ...curve(t, column, label(t), PALETTE[i]!), lineStyle: { width: 2.5 } }));
  const pruned = drawn.filter((t) => t.status === 'pruned').length;
  const crosses = pruned ? `; a cross marks where each of the ${pruned} pruned trials was stopped` : '';
  return renderChart(
    {
      id: 'top-trials',
      title: `${column} per epoch, top ${top.length} trials`,
      width: 960,
      height: 380,
      caption: `The top ${top.length} trials by ${column} in colour${others.length ? `, the other ${others.length} in grey` : ''}${crosses}.`,
    },
    {
      legend: { top: 4, data: top.map(label) },
      grid: { ...GRID, top: 48 },
      xAxis: epochAxis(drawn.flatMap((t) => t.curve)),
      yAxis: { type: 'value', scale: true, name: column },
      series: [...grey, ...coloured.reverse()], // the best drawn last, on top
    },
  );
}

function curve(trial: Trial, column: string, name: string, color: string) {
  const rows = trial.curve.filter((row) => row[column] !== undefined);
  const data = rows.map((row, i) => {
    const value = [row['epoch'], row[column]];
    if (i < rows.length - 1) return { value };
    return trial.status === 'pruned'
      ? { value, symbol: CROSS, symbolSize: 11 }
      : { value, symbol: 'circle', symbolSize: 6 };
  });
  return { type: 'line', name, data, color, symbol: 'none', showSymbol: true, silent: true };
}
