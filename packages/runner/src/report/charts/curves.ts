// Learning curves: one chart per metric with its train and validation lines, and the learning rate per epoch.
import type { EpochRow } from '../../train/epoch-row.ts';
import { epochAxis, GRID, SYMBOL_LIMIT, valueOrLogAxis } from './axes.ts';
import { renderChart, type Chart } from './render.ts';
import { INK, PALETTE } from './theme.ts';

/** metrics.csv columns that are not a model metric. */
const NOT_METRICS = new Set(['epoch', 'learning_rate', 'seconds', 'samples_per_second']);

/** The metrics metrics.csv holds values for (loss first), each with its train and/or validation column. */
function metricsOf(columns: readonly string[], epochs: readonly EpochRow[]): string[] {
  const hasValues = (column: string) => epochs.some((row) => row[column] !== undefined);
  const names = columns.filter((c) => !NOT_METRICS.has(c)).map((c) => c.replace(/^val_/, ''));
  const unique = [...new Set(names)].filter((m) => hasValues(m) || hasValues(`val_${m}`));
  return unique.sort((a, b) => Number(b === 'loss') - Number(a === 'loss'));
}

export function learningCurveCharts(
  columns: readonly string[],
  epochs: readonly EpochRow[],
  bestEpoch?: number,
): Chart[] {
  return metricsOf(columns, epochs).map((metric) => {
    const series = [
      { label: 'train', column: metric, color: PALETTE[0]! },
      { label: 'validation', column: `val_${metric}`, color: PALETTE[1]! },
    ].filter((s) => epochs.some((row) => row[s.column] !== undefined));
    const best = bestEpoch !== undefined ? `; the dashed line marks the best epoch (${bestEpoch})` : '';
    return renderChart(
      {
        id: `curve-${metric}`,
        title: metric,
        caption: `${series.map((s) => s.label).join(' and ')} ${metric} per epoch${best}.`,
      },
      {
        legend: { top: 4 },
        grid: GRID,
        xAxis: epochAxis(epochs),
        yAxis: { type: 'value', scale: true },
        series: series.map((s, i) => ({
          ...line(
            s.label,
            epochs.map((row) => [row['epoch'], row[s.column] ?? null]),
            s.color,
            epochs.length,
          ),
          ...(i === series.length - 1 && bestEpoch !== undefined ? bestMarker(bestEpoch) : {}),
        })),
      },
    );
  });
}

export function learningRateChart(epochs: readonly EpochRow[]): Chart | undefined {
  const rates = epochs.map((row) => row['learning_rate']);
  if (!rates.some((r) => r !== undefined)) return undefined;
  return renderChart(
    { id: 'learning-rate', title: 'learning rate', caption: 'The learning rate each epoch ended with.' },
    {
      grid: { ...GRID, top: 24 },
      xAxis: epochAxis(epochs),
      yAxis: valueOrLogAxis(rates),
      series: [
        line(
          'learning rate',
          epochs.map((row) => [row['epoch'], row['learning_rate'] ?? null]),
          PALETTE[2]!,
          epochs.length,
        ),
      ],
    },
  );
}

/** A line series; `null` values leave a gap (an epoch without that value, a diverged epoch). */
function line(name: string, data: unknown[][], color: string, epochs: number) {
  return {
    type: 'line',
    name,
    data,
    color,
    showSymbol: epochs <= SYMBOL_LIMIT,
    symbolSize: 5,
    lineStyle: { width: 2 },
    connectNulls: false,
  };
}

function bestMarker(epoch: number) {
  return {
    markLine: {
      silent: true,
      symbol: 'none',
      data: [{ xAxis: epoch }],
      lineStyle: { color: INK, type: 'dashed', opacity: 0.5 },
      label: { formatter: 'best', color: INK },
    },
  };
}
