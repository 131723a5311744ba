// earlyTerminate across machines: every worker's epoch reports go into one Redis list in arrival order (appended
// and read back atomically, store.ts), and each decision replays that list through the local pruner, so a trial is
// judged exactly as a local sweep would judge it had the reports arrived in that order.
import type { EarlyTerminateSpec, SweepGoal } from '@tfyaml/spec-schema';
import { createPruner, type Decision } from '../pruner.ts';

/** An epoch report as stored: JSON has no NaN, so a value that is not finite is null. */
export interface StoredReport {
  trial: number;
  epoch: number;
  value: number | null;
}

export const storedReport = (trial: number, epoch: number, value: number): StoredReport => ({
  trial,
  epoch,
  value: Number.isFinite(value) ? value : null,
});

/**
 * The decision for the last report of `reports`. A retried trial reports its epochs again: only the first report
 * of a (trial, epoch) counts, and a repeated one gets the decision its first report got.
 */
export function decideFromReports(
  spec: EarlyTerminateSpec | undefined,
  goal: SweepGoal,
  reports: readonly StoredReport[],
): Decision {
  const pruner = createPruner(spec, goal);
  const decisions = new Map<string, Decision>();
  for (const { trial, epoch, value } of reports) {
    const key = `${trial}:${epoch}`;
    if (!decisions.has(key)) decisions.set(key, pruner.report(trial, epoch, value ?? Number.NaN));
  }
  const last = reports.at(-1);
  return last ? decisions.get(`${last.trial}:${last.epoch}`)! : { prune: false };
}
