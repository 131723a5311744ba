// A finished trial (its record is trials.csv's row) as the samplers and the sweep's ranking see it, and where it lives.
import type { SweepGoal } from '@tfyaml/spec-schema';
import type { TrialRecord, TrialStatus } from '../results/trials-csv.ts';
import type { Observation } from './tpe.ts';

/** trials/001/: zero-padded, so folders list in trial order. */
export const trialFolder = (trial: number): string => `trials/${String(trial).padStart(3, '0')}`;

// A timed-out trial ranks like a pruned one: it has the epochs it finished, cut short.
const TIER: Record<TrialStatus, Observation['tier']> = {
  completed: 0,
  pruned: 1,
  timeout: 1,
  failed: 2,
  diverged: 2,
  infeasible: 2,
};

export function observationOf(record: TrialRecord, goal: SweepGoal): Observation {
  const value = record.value ?? Number.NaN;
  const loss = Number.isFinite(value) ? (goal === 'maximize' ? -value : value) : Infinity;
  return { params: record.params, loss, tier: TIER[record.status] };
}

/** The best trial: completed before pruned, then by the metric; failed and diverged trials never are. */
export function bestOf(records: readonly TrialRecord[], goal: SweepGoal): TrialRecord | undefined {
  let best: { record: TrialRecord; observation: Observation } | undefined;
  for (const record of records) {
    const observation = observationOf(record, goal);
    if (observation.tier === 2 || observation.loss === Infinity) continue;
    if (
      !best ||
      observation.tier < best.observation.tier ||
      (observation.tier === best.observation.tier && observation.loss < best.observation.loss)
    ) {
      best = { record, observation };
    }
  }
  return best?.record;
}
