// How many trials run at once, and how many threads each may use.
import { availableParallelism } from 'node:os';
import type { Spec, SweepSpec } from '@tfyaml/spec-schema';

/** sweep.workers, else one per core; never more than there are trials. */
export function resolveWorkers(sweep: SweepSpec, total: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(sweep.workers ?? cores, total));
}

/**
 * Trials running side by side share the cores, so thread counts the experiment leaves on auto (all cores) are set
 * for each trial: no data-parallel threads (the trials are the parallelism) and its share of the cores inside ops.
 */
export function threadOverrides(spec: Spec, workers: number, cores = availableParallelism()): string[] {
  if (workers === 1) return [];
  return [
    ...(spec.training.workers === 'auto' ? ['training.workers=1'] : []),
    ...(spec.training.threads === 'auto' ? [`training.threads=${Math.max(1, Math.floor(cores / workers))}`] : []),
  ];
}
