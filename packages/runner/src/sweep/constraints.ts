// sweep.constraints against one trial. `params` is checked before the trial starts, from its spec alone
// (estimateMemory counts parameters without allocating), so an infeasible trial never builds its model or spends
// its time; `seconds` once it ends. Created only for a sweep with constraints: it brings model-compiler, and with
// it TensorFlow's layer classes, into the sweep process, which otherwise never loads them.
import {
  formatResolvedSpec,
  holds,
  loadSpec,
  parseConstraint,
  type Constraint,
  type SweepSpec,
} from '@tfyaml/spec-schema';
import type { TrialRecord } from '../results/trials-csv.ts';

type Estimate = typeof import('@tfyaml/model-compiler').estimateMemory;
type Describe = typeof import('@tfyaml/data').describeDataset;

export interface Infeasible {
  why: string;
  params: number;
  specText: string;
}

export class ConstraintCheck {
  private constructor(
    private readonly constraints: Constraint[],
    private readonly estimate: Estimate,
    private readonly describe: Describe,
  ) {}

  /** Undefined for a sweep without constraints (they were validated with the spec). */
  static async of(sweep: SweepSpec): Promise<ConstraintCheck | undefined> {
    const constraints = (sweep.constraints ?? [])
      .map(parseConstraint)
      .filter((c): c is Constraint => !('message' in c));
    if (constraints.length === 0) return undefined;
    const [{ estimateMemory }, { describeDataset }] = await Promise.all([
      import('@tfyaml/model-compiler'),
      import('@tfyaml/data'),
    ]);
    return new ConstraintCheck(constraints, estimateMemory, describeDataset);
  }

  /** Why the trial (experiment.yaml with these overrides) is infeasible before training, with its parameter count
   * and resolved spec (its folder gets them); undefined if it is not. */
  before(experimentFile: string, overrides: string[]): Infeasible | undefined {
    const limits = this.constraints.filter((c) => c.column === 'params');
    if (limits.length === 0) return undefined;
    const loaded = loadSpec(experimentFile, { overrides });
    const params = this.estimate(loaded.spec, this.describe(loaded.spec.data))?.params;
    const why = params === undefined ? undefined : broken(limits, params);
    return why === undefined ? undefined : { why, params: params!, specText: formatResolvedSpec(loaded) };
  }

  /** Why a trial that ran is infeasible after all (it took longer than `seconds` allows); undefined if it is not. */
  after(record: TrialRecord): string | undefined {
    return broken(
      this.constraints.filter((c) => c.column === 'seconds'),
      record.seconds,
    );
  }
}

function broken(constraints: readonly Constraint[], actual: number): string | undefined {
  const failed = constraints.find((c) => !holds(c, actual));
  return failed && `${failed.column} ${Number(actual.toFixed(1))} breaks ${failed.text}`;
}
