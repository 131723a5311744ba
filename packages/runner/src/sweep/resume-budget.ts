// `tfyaml sweep --resume DIR [file] [--trials N]`: a sweep continues as it started, except for its budget. The
// recorded trials were drawn from one space with one metric; changing those midway would mix two sweeps in one table,
// so any other difference is refused, listed by path.
import type { SweepSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';

/** The sweep fields a resume may change: how much it runs, never what it runs. */
export const BUDGET_FIELDS = ['trials', 'budget', 'timeout', 'retries', 'maxConsecutiveFailures'] as const;

type BudgetFields = Pick<SweepSpec, (typeof BUDGET_FIELDS)[number]>;

/** Paths where two specs differ (`sweep.metric.goal: maximize → minimize`), budget fields left out; at most `limit`. */
export function differences(recorded: unknown, given: unknown, limit = 8): string[] {
  const found: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (found.length >= limit || JSON.stringify(a) === JSON.stringify(b)) return;
    if (isMap(a) && isMap(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (path === 'sweep' && (BUDGET_FIELDS as readonly string[]).includes(key)) continue;
        walk(a[key], b[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    found.push(`${path}: ${show(a)} → ${show(b)}`);
  };
  walk(recorded, given, '');
  return found;
}

/**
 * The budget a resumed sweep runs with: the given file's, then --trials on top. Refuses a file that changes more than
 * the budget, --trials on a grid (it runs every combination) and fewer trials than are recorded.
 */
export function resumedBudget(
  recorded: { spec: unknown; sweep: SweepSpec },
  given: { spec: unknown; sweep: SweepSpec } | undefined,
  trials: number | undefined,
  recordedTrials: number,
): BudgetFields {
  if (given) {
    const changed = differences(recorded.spec, given.spec);
    if (changed.length > 0) {
      throw new RunError(
        `the sweep file differs from the one the sweep started with, beyond its budget:\n  ${changed.join('\n  ')}`,
        `only ${BUDGET_FIELDS.join(', ')} may change on --resume; start a new sweep for anything else`,
      );
    }
  }
  const budget: BudgetFields = Object.fromEntries(BUDGET_FIELDS.map((f) => [f, (given ?? recorded).sweep[f]]));
  if (trials === undefined) return budget;
  if (recorded.sweep.method === 'grid')
    throw new RunError('--trials does not apply to a grid sweep', 'a grid runs every combination once; drop --trials');
  if (trials < recordedTrials) {
    throw new RunError(
      `--trials ${trials} is below the ${recordedTrials} trials already recorded`,
      `give --trials ${recordedTrials + 10} or more`,
    );
  }
  return {
    ...budget,
    trials,
    ...(budget.budget?.trials === undefined ? {} : { budget: { ...budget.budget, trials } }),
  };
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
