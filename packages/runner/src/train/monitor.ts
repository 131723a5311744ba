import { monitorMode } from '@tfyaml/spec-schema';

/** `mode`, or for `auto` the way the monitored column improves: spec-schema's one rule, shared with reduceOnPlateau. */
export const resolveMode = monitorMode;

/** Whether `value` beats `best` by more than minDelta in the monitored direction. */
export function improves(value: number, best: number | undefined, mode: 'min' | 'max', minDelta = 0): boolean {
  if (!Number.isFinite(value)) return false;
  if (best === undefined) return true;
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}
