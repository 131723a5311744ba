// A trial's parameters on whichever worker starts it. Grid and random are pure functions of (seed, trial), so every
// worker draws the same; TPE draws from every finished trial plus the running ones, each of those counted as the
// worst result so far ("constant liar", Ginsbourger et al. 2010), so parallel workers do not all try one spot.
import type { SweepSpec } from '@tfyaml/spec-schema';
import { observationsOf } from '../record.ts';
import type { Sampler } from '../sampler.ts';
import type { Params } from '../space.ts';
import type { Observation } from '../tpe.ts';
import type { StoredTrial } from './store.ts';

export interface DrawInput {
  sweep: SweepSpec;
  sampler: Sampler;
  trial: number;
  /** Recorded trials, in the order they were recorded (tpe only). */
  records: readonly StoredTrial[];
  /** Every trial's stored parameters, the running ones among them (tpe only). */
  params: ReadonlyMap<number, Params>;
}

export function drawParams({ sweep, sampler, trial, records, params }: DrawInput): Params {
  if (sweep.method !== 'tpe') return sampler.suggest(trial, []);
  const finished = observationsOf(
    records.map((s) => s.record),
    sweep,
  );
  const losses = finished.filter((o) => o.tier === 0 && Number.isFinite(o.loss)).map((o) => o.loss);
  const recorded = new Set(records.map((s) => s.record.trial));
  const liars: Observation[] =
    losses.length === 0
      ? []
      : [...params]
          .filter(([t]) => t !== trial && !recorded.has(t))
          .map(([, p]) => ({ params: p, loss: Math.max(...losses), tier: 0 }));
  return sampler.suggest(trial, [...finished, ...liars]);
}
