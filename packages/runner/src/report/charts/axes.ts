// Axis pieces shared by the charts: epochs on x, and a y axis that goes logarithmic only when the data asks for it.
import type { EpochRow } from '../../train/epoch-row.ts';

/** x: whole epochs, from 1 to the last one logged (at least 2, so a one-epoch run still has an axis). */
export function epochAxis(rows: readonly EpochRow[]) {
  const last = Math.max(2, ...rows.map((row) => row['epoch'] ?? 0));
  return { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, min: 1, max: last, minInterval: 1 };
}

/** A learning rate decayed by 10× or more reads better on a log axis; a constant or gently scheduled one does not. */
export function valueOrLogAxis(values: readonly (number | undefined)[]) {
  const finite = values.filter((v): v is number => v !== undefined && v > 0);
  const log = finite.length === values.length && finite.length > 1 && Math.max(...finite) / Math.min(...finite) >= 10;
  return log ? { type: 'log', axisLabel: LOG_LABEL } : { type: 'value', scale: true };
}

/** Above this many epochs a dot per epoch clutters the line. */
export const SYMBOL_LIMIT = 40;

export const GRID = { left: 64, right: 24, top: 40, bottom: 44 };

/** A log axis' ticks are powers of ten computed in floating point: 0.0001, not 0.00009999999999999999. */
export const LOG_LABEL = { formatter: (value: number) => String(Number(value.toPrecision(4))) };
