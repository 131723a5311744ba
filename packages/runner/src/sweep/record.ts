// A finished trial (its record is trials.csv's row) as the samplers and the sweep's ranking see it, and where it lives.
import { primaryMetric, sweepObjectives, type SweepGoal, type SweepSpec } from '@tfyaml/spec-schema';
import type { TrialRecord, TrialStatus } from '../results/trials-csv.ts';
import { frontRanks, lossVector } from './pareto.ts';
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

/**
 * The finished trials as TPE sees them. With several objectives ("MOTPE-lite"), a completed trial's loss is its
 * Pareto front (0 = non-dominated, 1 = dominated only by those, …), so TPE's good group is the front and the trials
 * nearest it; pruned and timed-out trials keep their first metrics.csv objective (they rank after every completed one).
 */
export function observationsOf(
  records: readonly TrialRecord[],
  sweep: Pick<SweepSpec, 'metric' | 'metrics'>,
): Observation[] {
  const primary = records.map((r) => observationOf(r, primaryMetric(sweep).goal));
  const objectives = sweepObjectives(sweep);
  if (objectives.length < 2) return primary;
  const completed = records.flatMap((r, i) => {
    const vector = r.status === 'completed' ? lossVector(r, objectives) : undefined;
    return vector ? [{ i, vector }] : [];
  });
  const ranks = frontRanks(completed.map((c) => c.vector));
  const rankOf = new Map(completed.map((c, k) => [c.i, ranks[k]!]));
  return primary.map((o, i) => (o.tier === 0 ? { ...o, loss: rankOf.get(i) ?? Infinity } : o));
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
