// Pareto ranking for sweeps with several objectives (sweep.metrics): a trial dominates another when it is at least as
// good in every objective and better in one; the front is the trials nothing dominates. Non-dominated sorting as in
// NSGA-II (Deb et al. 2002), by pairwise comparison: sweeps hold tens to hundreds of trials.
import type { SweepMetric } from '@tfyaml/spec-schema';
import { columnValue, type TrialRecord, type TrialRow } from '../results/trials-csv.ts';

/** The trial's objective values turned to lower-is-better; undefined when one is missing or not finite. */
export function lossVector(record: TrialRecord | TrialRow, objectives: readonly SweepMetric[]): number[] | undefined {
  const vector = objectives.map((o) => {
    const value = columnValue(record, o.name);
    return value === undefined || !Number.isFinite(value) ? undefined : o.goal === 'maximize' ? -value : value;
  });
  return vector.every((v) => v !== undefined) ? (vector as number[]) : undefined;
}

export function dominates(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v <= b[i]!) && a.some((v, i) => v < b[i]!);
}

/** Each vector's front: 0 for the non-dominated ones, 1 for those only they dominate, and so on. */
export function frontRanks(vectors: readonly (readonly number[])[]): number[] {
  const ranks = vectors.map(() => -1);
  for (let rank = 0, left = vectors.length; left > 0; rank++) {
    const current = vectors.flatMap((v, i) =>
      ranks[i] === -1 && !vectors.some((w, j) => ranks[j] === -1 && j !== i && dominates(w, v)) ? [i] : [],
    );
    for (const i of current) ranks[i] = rank;
    left -= current.length;
  }
  return ranks;
}

/** The completed trials on the Pareto front (pruned, failed, timed-out and infeasible ones never are), in trial order. */
export function paretoFront<T extends TrialRecord | TrialRow>(
  records: readonly T[],
  objectives: readonly SweepMetric[],
): T[] {
  const ranked = records.flatMap((record) => {
    const vector = record.status === 'completed' ? lossVector(record, objectives) : undefined;
    return vector ? [{ record, vector }] : [];
  });
  const ranks = frontRanks(ranked.map((r) => r.vector));
  return ranked
    .filter((_, i) => ranks[i] === 0)
    .map((r) => r.record)
    .sort((a, b) => a.trial - b.trial);
}
