// Which way a metrics.csv column improves. Early stopping, checkpoints and reduceOnPlateau all resolve `mode: auto`
// here, from the metric table, so they cannot disagree; the schema of their `monitor` and `mode` fields lives here too.
import { METRIC_DIRECTIONS, METRICS, TOP_K_ACCURACY, type MetricName } from './vocabulary.ts';

export const MONITOR_MODES = ['auto', 'min', 'max'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];
export type MonitorDirection = Exclude<MonitorMode, 'auto'>;

/** The direction a monitor watches `column` in: `mode` when it names one, else the way that column improves. */
export function monitorMode(column: string, mode: MonitorMode = 'auto'): MonitorDirection {
  if (mode !== 'auto') return mode;
  const name = column.replace(/^val_/, '');
  if (name === 'loss') return 'min';
  if (TOP_K_ACCURACY.test(name)) return 'max';
  if (Object.hasOwn(METRIC_DIRECTIONS, name)) return METRIC_DIRECTIONS[name as MetricName];
  throw new Error(`monitorMode: "${column}" is not a metrics.csv column (loadSpec checks every monitor)`);
}

const rising = METRICS.filter((name) => METRIC_DIRECTIONS[name] === 'max');

export const monitorColumnSchema = {
  type: 'string',
  default: 'val_loss',
  description: 'A metrics.csv column: loss, val_loss, <metric> or val_<metric>.',
} as const;

export const monitorModeSchema = {
  enum: MONITOR_MODES,
  default: 'auto',
  description: `auto: max for ${rising.join(', ')} and top<k>Accuracy (and their val_ columns), min for loss and the rest.`,
} as const;
