// Classification results: the confusion matrix as a heatmap and the accuracy of each class as bars.
import type { Confusion } from '../../results/confusion-csv.ts';
import { renderChart, type Chart } from './render.ts';
import { INK, PALETTE, withAlpha } from './theme.ts';

/** Beyond this many classes, counts in the cells and every class label would overlap. */
const LABELLED_CLASSES = 20;

/** Cells are shaded by their share of the true class (row), so rare classes read as clearly as common ones; the
 * label is the count. One hue fading to transparent keeps empty cells the page's own colour in light and dark mode
 * (the alpha is in the colour: a visualMap opacity would fade the labels too). */
export function confusionChart({ classes, counts }: Confusion): Chart {
  const n = classes.length;
  const cell = n > LABELLED_CLASSES ? 14 : 40;
  const data = counts.flatMap((row, actual) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((count, predicted) => {
      const share = count / total;
      return {
        value: [predicted, actual, share],
        label: { formatter: String(count), color: share > 0.6 ? '#ffffff' : INK },
      };
    });
  });
  const axis = (name: string, extra: object) => ({
    type: 'category',
    data: classes,
    name,
    nameLocation: 'middle',
    splitArea: { show: false },
    axisLabel: { show: n <= LABELLED_CLASSES * 2, interval: 0, fontSize: 11 },
    ...extra,
  });
  return renderChart(
    {
      id: 'confusion',
      title: 'confusion matrix',
      width: Math.max(420, 130 + n * cell),
      height: 90 + n * cell,
      caption: 'Test-split counts, one row per true class; the shade is the share of that row.',
    },
    {
      grid: { left: 110, right: 24, top: 16, bottom: 72 },
      xAxis: axis('predicted', {
        nameGap: 52,
        axisLabel: { show: n <= LABELLED_CLASSES * 2, interval: 0, fontSize: 11, rotate: 35 },
      }),
      yAxis: axis('true', { nameGap: 94, inverse: true }),
      visualMap: {
        show: false,
        min: 0,
        max: 1,
        dimension: 2,
        inRange: { color: [withAlpha(PALETTE[0]!, 0.04), PALETTE[0]] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: n <= LABELLED_CLASSES, fontSize: 11 },
          itemStyle: { borderColor: 'rgba(128, 128, 128, 0.3)', borderWidth: 1 },
        },
      ],
    },
  );
}

export function perClassChart(accuracy: Record<string, number>): Chart {
  const classes = Object.keys(accuracy);
  const bar = classes.length > LABELLED_CLASSES ? 12 : 22;
  return renderChart(
    {
      id: 'per-class-accuracy',
      title: 'accuracy per class',
      width: 520,
      height: 40 + classes.length * bar,
      caption: 'The share of each true class predicted correctly on the test split.',
    },
    {
      grid: { left: 110, right: 56, top: 8, bottom: 32 },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'category', data: classes, inverse: true, axisLabel: { interval: 0, fontSize: 11 } },
      series: [
        {
          type: 'bar',
          data: classes.map((c) => accuracy[c]),
          color: PALETTE[0],
          barMaxWidth: 18,
          label: {
            show: true,
            position: 'right',
            color: INK,
            formatter: ({ value }: { value: number }) => `${(value * 100).toFixed(1)}%`,
          },
        },
      ],
    },
  );
}
