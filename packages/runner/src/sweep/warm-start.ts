// sweep.warmStart: another sweep's recorded trials seed this one's sampler, as if they had run first. Only a sweep
// over the same parameters, scored by the same metric, says anything about this one; any difference is refused by path.
import { join, resolve } from 'node:path';
import type { SweepSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import type { TrialRecord } from '../results/trials-csv.ts';
import { openSweepFolder } from './folder.ts';
import { readJournal } from './journal.ts';
import { differences } from './resume-budget.ts';

/** The recorded trials of the warm-start folder (resolved from the current directory), or none without one. */
export function warmStartTrials(sweep: SweepSpec): TrialRecord[] {
  if (sweep.warmStart === undefined) return [];
  const dir = resolve(sweep.warmStart);
  const other = openSweepFolder(dir).spec.sweep!;
  const space = (s: SweepSpec) => ({ sweep: { parameters: s.parameters, metric: s.metric, metrics: s.metrics } });
  const changed = differences(space(other), space(sweep));
  if (changed.length > 0) {
    throw new RunError(
      `sweep.warmStart: ${dir} is a sweep of another space:\n  ${changed.join('\n  ')}`,
      'warm-start from a sweep with the same parameters and metric, or remove warmStart',
    );
  }
  return readJournal(join(dir, 'journal.jsonl')).ended;
}
