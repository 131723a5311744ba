// A swept parameter as an ECharts axis, shared by the parallel-coordinates plot and the metric-vs-parameter plots.
import type { ParamAxis, ParamValue } from '../param-axis.ts';
import { LOG_LABEL } from './axes.ts';

/** `training.optimizer.learningRate` → `optimizer.learningRate`: the section name only takes room on an axis. */
export function shortPath(path: string): string {
  const dot = path.indexOf('.');
  return dot > 0 ? path.slice(dot + 1) : path;
}

export function axisFor(axis: ParamAxis) {
  if (axis.scale === 'category') return { type: 'category', data: axis.categories ?? [] };
  return axis.scale === 'log' ? { type: 'log', axisLabel: LOG_LABEL } : { type: 'value', scale: true };
}

/** A trial's value on the axis: categories are matched as text, as trials.csv wrote them. */
export function coordinate(axis: ParamAxis, value: ParamValue | undefined): ParamValue | null {
  if (value === undefined) return null;
  return axis.scale === 'category' ? String(value) : value;
}
