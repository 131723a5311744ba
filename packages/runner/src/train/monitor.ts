import type { MonitorMode } from '@tfyaml/spec-schema';

/** Keras' rule for mode "auto": accuracy-like columns improve upwards, everything else downwards. */
export function resolveMode(monitor: string, mode: MonitorMode): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  return /acc|precision|recall|auc/i.test(monitor) ? 'max' : 'min';
}

/** Whether `value` beats `best` by more than minDelta in the monitored direction. */
export function improves(value: number, best: number | undefined, mode: 'min' | 'max', minDelta = 0): boolean {
  if (!Number.isFinite(value)) return false;
  if (best === undefined) return true;
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}
