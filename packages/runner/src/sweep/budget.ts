// What ends a sweep before its last trial, or one trial before its last epoch: the time budget, a trial's timeout,
// and a run of crashed trials. The scheduler asks; this file holds the rules, so they are tested without processes.
import { durationSeconds, type SweepSpec } from '@tfyaml/spec-schema';
import type { TrialRecord } from '../results/trials-csv.ts';
import { formatDuration } from './status.ts';

export interface SweepLimits {
  /** Seconds this process may run the sweep (budget.time). */
  timeSeconds?: number;
  /** Seconds one trial may run (timeout). */
  trialSeconds?: number;
  /** Extra runs of a crashed trial. */
  retries: number;
  maxConsecutiveFailures?: number;
}

export function limitsOf(sweep: SweepSpec): SweepLimits {
  const time = sweep.budget?.time === undefined ? undefined : durationSeconds(sweep.budget.time);
  const trial = sweep.timeout === undefined ? undefined : durationSeconds(sweep.timeout);
  return {
    ...(time === undefined ? {} : { timeSeconds: time }),
    ...(trial === undefined ? {} : { trialSeconds: trial }),
    retries: sweep.retries ?? 0,
    ...(sweep.maxConsecutiveFailures === undefined ? {} : { maxConsecutiveFailures: sweep.maxConsecutiveFailures }),
  };
}

/** Only a crash is retried: a diverged trial would diverge again, a timed-out one run out of time again. */
export const shouldRetry = (record: TrialRecord, attempts: number, limits: SweepLimits): boolean =>
  record.status === 'failed' && attempts <= limits.retries;

/** Why the sweep stops early after these records, in the order they ended; undefined while it goes on. */
export function failureStop(records: readonly TrialRecord[], limits: SweepLimits): string | undefined {
  const max = limits.maxConsecutiveFailures;
  if (max === undefined || records.length < max) return undefined;
  const last = records.slice(-max);
  if (!last.every((r) => r.status === 'failed')) return undefined;
  const error = last.at(-1)!.error?.split('\n')[0] ?? 'no message';
  return `${max} trials in a row failed (trials ${last.map((r) => r.trial).join(', ')}); the last: ${error}`;
}

export const timeBudgetLine = (seconds: number): string => `the time budget of ${formatDuration(seconds)} is spent`;
export const timeoutLine = (seconds: number): string => `ran past the trial timeout of ${formatDuration(seconds)}`;
