// Pareto ranking for sweeps with several objectives (sweep.metrics): a trial dominates another when it is at least as
// good in every objective and better in one; the front is the trials nothing dominates. Non-dominated sorting as in
// NSGA-II (Deb et al. 2002), by pairwise comparison: sweeps hold tens to hundreds of trials.
import { columnValue } from '../results/trials-csv.ts';

/** A trial as the ranking needs it: its status and its column values (a TrialRecord, a trials.csv row, a report's). */
type Ranked = Parameters<typeof columnValue>[0] & { status: string };
/** An objective; `goal` as sweep.yaml or best.json has it (maximize, else minimized). */
type Objective = { name: string; goal: string };

/** The trial's objective values turned to lower-is-better; undefined when one is missing or not finite. */
export function lossVector(record: Ranked, objectives: readonly Objective[]): number[] | undefined {
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

/** The completed trials on the Pareto front (pruned, failed, timed-out and infeasible ones never are), in the order
 * given. */
export function paretoFront<T extends Ranked>(records: readonly T[], objectives: readonly Objective[]): T[] {
  const ranked = records.flatMap((record) => {
    const vector = record.status === 'completed' ? lossVector(record, objectives) : undefined;
    return vector ? [{ record, vector }] : [];
  });
  const ranks = frontRanks(ranked.map((r) => r.vector));
  return ranked.filter((_, i) => ranks[i] === 0).map((r) => r.record);
}
