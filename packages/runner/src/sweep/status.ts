// The words of the progress view: the status line (counts, best so far, ETA) and a trial's parameters.
import { sweepObjectives, type SweepSpec } from '@tfyaml/spec-schema';
import type { TrialRecord } from '../results/trials-csv.ts';
import { rankingOf } from './best.ts';
import type { Params } from './space.ts';
import type { RunningTrial, SweepStatus } from './view.ts';

export interface StatusInput {
  total: number;
  records: readonly TrialRecord[];
  sweep: Pick<SweepSpec, 'metric' | 'metrics'>;
  workers: number;
  running: (RunningTrial & { elapsedSeconds: number })[];
}

export function statusOf({ total, records, sweep, workers, running }: StatusInput): SweepStatus {
  const count = (...statuses: TrialRecord['status'][]) => records.filter((r) => statuses.includes(r.status)).length;
  const eta = etaSeconds(total, records, running, workers);
  return {
    counts: `${records.length}/${total} done (${count('pruned')} pruned, ${count('failed')} failed, ${count('diverged')} diverged), ${running.length} running`,
    ...bestLine(records, sweep),
    ...(eta === undefined ? {} : { eta: `ETA ${formatDuration(eta)}` }),
    running,
  };
}

/** The best trial's metric, or how many trials are on the Pareto front. */
function bestLine(
  records: readonly TrialRecord[],
  sweep: Pick<SweepSpec, 'metric' | 'metrics'>,
): Pick<SweepStatus, 'best'> {
  const { best, front } = rankingOf(records, sweep);
  if (front)
    return front.length
      ? {
          best: `Pareto front: ${front.length} trial${front.length === 1 ? '' : 's'} (${front.map((r) => r.trial).join(', ')})`,
        }
      : {};
  const metric = sweepObjectives(sweep)[0]!;
  return best ? { best: `best ${metric.name} ${best.value!.toFixed(4)} (trial ${best.trial})` } : {};
}

/** Trials left × the mean trial time so far, less what the running ones already spent, spread over the workers. */
export function etaSeconds(
  total: number,
  records: readonly TrialRecord[],
  running: readonly { elapsedSeconds: number }[],
  workers: number,
): number | undefined {
  if (records.length === 0) return undefined;
  const mean = records.reduce((s, r) => s + r.seconds, 0) / records.length;
  const left = total - records.length;
  if (left <= 0) return 0;
  const spent = running.reduce((s, r) => s + Math.min(r.elapsedSeconds, mean), 0);
  return Math.max(0, (left * mean - spent) / Math.min(workers, left));
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** `training.optimizer.learningRate=0.003, model.layers[0].filters=16`; `short` keeps the last name of each path
 * (`learningRate=0.003 filters=16`) unless two parameters share it. */
export function describeParams(params: Params, short = false): string {
  const paths = Object.keys(params);
  const last = (path: string) => path.replace(/^.*\./, '');
  const unique = short && new Set(paths.map(last)).size === paths.length;
  return paths
    .map((p) => `${unique ? last(p) : p}=${typeof params[p] === 'string' ? params[p] : JSON.stringify(params[p])}`)
    .join(short ? ' ' : ', ');
}
