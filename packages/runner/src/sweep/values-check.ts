// Before any trial starts: does every value a parameter can take make a valid experiment? Each categorical value,
// and each bound of a range, is applied like --set to the experiment the trials run and the spec loaded; a problem
// points at that value in the sweep file.
import {
  experimentWithoutSweep, formatPath, loadSpecText, SpecError, type LoadedSpec, type PathKey, type SpecIssue, type SweepParameter,
} from '@tfyaml/spec-schema';

export function checkParameterValues(loaded: LoadedSpec): void {
  const experiment = experimentWithoutSweep(loaded.file, loaded.overrides, loaded.spec);
  const issues: SpecIssue[] = [];
  for (const [path, parameter] of Object.entries(loaded.spec.sweep?.parameters ?? {})) {
    for (const { at, value } of representatives(parameter)) {
      const problem = problemWith(experiment, loaded.file, path, value);
      if (!problem) continue;
      const keys: PathKey[] = ['sweep', 'parameters', path, ...at];
      issues.push({ path: formatPath(keys), ...loaded.locate(keys), message: `${path} = ${JSON.stringify(value)}: ${problem.message}`, ...(problem.hint ? { hint: problem.hint } : {}) });
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
}

/** The values that stand for the whole range: each listed value, or a range's ends (a normal's mean). */
function representatives(p: SweepParameter): { at: PathKey[]; value: unknown }[] {
  switch (p.distribution) {
    case 'categorical': return p.values.map((value, i) => ({ at: ['values', i], value }));
    case 'normal': return [{ at: ['mu'], value: p.mu }];
    default: return [{ at: ['min'], value: p.min }, { at: ['max'], value: p.max }];
  }
}

function problemWith(experiment: string, file: string, path: string, value: unknown): SpecIssue | undefined {
  try {
    loadSpecText(experiment, file, { overrides: [`${path}=${JSON.stringify(value)}`] });
    return undefined;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return error.issues.find((i) => i.path.startsWith(path) || i.source.startsWith(`--set ${path}=`)) ?? error.issues[0];
  }
}
