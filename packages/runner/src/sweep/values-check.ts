// Before any trial starts: does every value a parameter can take make a valid experiment? Each categorical value,
// and each bound of a range, is applied like --set to the experiment the trials run and the spec loaded; a problem
// points at that value in the sweep file. In a conditional space the value is applied with what makes it active (its
// choice's parent, the first value each when: lists) and the first value of every parameter it switches on, since a
// choice may leave a field (a conv layer's filters) to its sub-parameters.
import {
  experimentWithoutSweep,
  formatPath,
  isActive,
  loadSpecText,
  orderedSpace,
  SpecError,
  type LoadedSpec,
  type PathKey,
  type SpaceParameter,
  type SpecIssue,
  type SweepParameter,
} from '@tfyaml/spec-schema';
import { toOverrides, type Params } from './space.ts';

export function checkParameterValues(loaded: LoadedSpec): void {
  const experiment = experimentWithoutSweep(loaded.file, loaded.overrides, loaded.spec);
  const space = orderedSpace(loaded.spec.sweep?.parameters ?? {});
  const issues: SpecIssue[] = [];
  for (const p of space) {
    for (const { at, value } of representatives(p.parameter)) {
      const overrides = toOverrides(completed(space, p, value));
      const problem = overrides.length === 0 ? undefined : problemWith(experiment, loaded.file, p.path, overrides);
      if (!problem) continue;
      const keys: PathKey[] = ['sweep', 'parameters', ...p.at, ...at];
      issues.push({
        path: formatPath(keys),
        ...loaded.locate(keys),
        message: `${p.path} = ${JSON.stringify(value)}: ${problem.message}`,
        ...(problem.hint ? { hint: problem.hint } : {}),
      });
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
}

/** `p = value`, what makes it active, and the first value of each parameter that this switches on, in space order. */
function completed(space: readonly SpaceParameter[], p: SpaceParameter, value: unknown): Params {
  const chosen: Params = { [p.path]: value };
  const activate = (q: SpaceParameter) => {
    for (const c of q.conditions) {
      if (c.path in chosen) continue;
      chosen[c.path] = c.values[0];
      const on = space.find((r) => r.path === c.path);
      if (on) activate(on);
    }
  };
  activate(p);
  for (const q of space) {
    if (q.path in chosen || q.conditions.length === 0 || !isActive(q, chosen)) continue;
    chosen[q.path] = representatives(q.parameter)[0]!.value;
  }
  return Object.fromEntries(space.filter((q) => q.path in chosen).map((q) => [q.path, chosen[q.path]]));
}

/** The values that stand for the whole range: each listed value, or a range's ends (a normal's mean). */
function representatives(p: SweepParameter): { at: PathKey[]; value: unknown }[] {
  switch (p.distribution) {
    case 'categorical':
      return p.values.map((value, i) => ({ at: ['values', i], value }));
    case 'normal':
      return [{ at: ['mu'], value: p.mu }];
    default:
      return [
        { at: ['min'], value: p.min },
        { at: ['max'], value: p.max },
      ];
  }
}

function problemWith(experiment: string, file: string, path: string, overrides: string[]): SpecIssue | undefined {
  try {
    loadSpecText(experiment, file, { overrides });
    return undefined;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return (
      error.issues.find((i) => i.path.startsWith(path) || i.source.startsWith(`--set ${path}=`)) ?? error.issues[0]
    );
  }
}
