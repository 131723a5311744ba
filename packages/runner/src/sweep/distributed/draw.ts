// A trial's parameters on whichever worker starts it. Grid and random are pure functions of (seed, trial): trial n
// gets what the local sampler gives it after trials 1…n-1, which it replays, so every worker agrees and, in a
// discrete space, no configuration runs twice (a repeat is drawn again, as locally). TPE draws from every finished
// trial plus the running ones, each counted as the worst result so far ("constant liar", Ginsbourger et al. 2010),
// so parallel workers do not all try one spot.
import type { SweepSpec } from '@tfyaml/spec-schema';
import { observationsOf } from '../record.ts';
import type { Sampler } from '../sampler.ts';
import type { Params } from '../space.ts';
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
  const enqueued = sweep.enqueue?.[trial - 1] as Params | undefined;
  if (enqueued) return enqueued;
  if (sweep.method !== 'tpe') return replayed(sweep, sampler, trial);
  const recorded = new Set(records.map((s) => s.record.trial));
  const running = [...params].filter(([t]) => t !== trial && !recorded.has(t)).map(([, p]) => p);
  const finished = observationsOf(
    records.map((s) => s.record),
    sweep,
  );
  return sampler.suggest(trial, finished, running);
}

/** Trial `trial`'s parameters in the sequence a local sweep starts: each after every earlier trial's. */
function replayed(sweep: SweepSpec, sampler: Sampler, trial: number): Params {
  const started: Params[] = [];
  for (let t = 1; t < trial; t++)
    started.push((sweep.enqueue?.[t - 1] as Params | undefined) ?? sampler.suggest(t, [], started));
  return sampler.suggest(trial, [], started);
}
