// Loading an experiment: parse (keeping positions) → overrides → shorthands → validate (defaults filled) → rules.
// Each stage collects problems instead of throwing, so the user sees every problem at once.
import { stringify } from 'yaml';
import { SpecError, type SpecIssue } from './errors.ts';
import { readWithBases } from './extends.ts';
import { expandShorthands, fillDerivedDefaults } from './normalize.ts';
import { applyOverrides, parseOverride, type Override } from './overrides.ts';
import { formatPath, parsePath, type PathKey } from './paths.ts';
import { readSpecFile } from './read-spec-file.ts';
import { checkRules } from './rules.ts';
import { SpecOrigin, type Location } from './source.ts';
import type { Spec } from './types.ts';
import { validateAgainstSchema } from './validate.ts';

export interface LoadedSpec {
  spec: Spec;
  file: string;
  /** The files this spec extends, nearest first. */
  bases: string[];
  /** The `--set` arguments that were applied, in order. */
  overrides: string[];
  warnings: SpecIssue[];
  /** Where a spec path (`model.layers[2]` or its keys) was written, for errors found later (data, compiler). */
  locate(path: string | readonly PathKey[]): Location;
}

export interface LoadOptions {
  overrides?: readonly string[];
}

/** Reads and validates an experiment file. Throws SpecError listing every problem. */
export function loadSpec(file: string, options: LoadOptions = {}): LoadedSpec {
  const read = readSpecFile(file);
  if (!('text' in read))
    throw new SpecError([{ path: '', source: file, message: read.message, hint: read.hint }], { cause: read.cause });
  return loadSpecText(read.text, file, options);
}

export function loadSpecText(text: string, file: string, options: LoadOptions = {}): LoadedSpec {
  const { raw, files } = readWithBases(file, text);
  const source = new SpecOrigin(files);

  const parsed = (options.overrides ?? []).map(parseOverride);
  const overrides = parsed.filter((o): o is Override => 'value' in o);
  const issues: SpecIssue[] = [
    ...parsed.filter((o): o is SpecIssue => !('value' in o)),
    ...applyOverrides(raw, source, overrides),
  ];
  if (issues.length > 0) throw new SpecError(issues);

  expandShorthands(raw);
  const schemaIssues = validateAgainstSchema(raw, source);
  if (schemaIssues.length > 0)
    throw new SpecError(
      sortByPosition(
        schemaIssues,
        files.map((f) => f.file),
      ),
    );

  const spec = raw as unknown as Spec;
  fillDerivedDefaults(spec);
  const findings = checkRules(spec).map((f) => ({
    severity: f.severity,
    issue: {
      path: formatPath(f.path),
      ...source.locate(f.path),
      message: f.message,
      ...(f.hint ? { hint: f.hint } : {}),
    },
  }));
  const errors = findings.filter((f) => f.severity === 'error').map((f) => f.issue);
  if (errors.length > 0) throw new SpecError(errors);

  return {
    spec,
    file,
    bases: files.slice(1).map((f) => f.file),
    overrides: overrides.map((o) => o.argument),
    warnings: findings.filter((f) => f.severity === 'warning').map((f) => f.issue),
    locate: (path) => source.locate(typeof path === 'string' ? (parsePath(path) ?? []) : path),
  };
}

/** The resolved spec as YAML, headed by the overrides that produced it, for `spec.yaml` in a run folder. */
export function formatResolvedSpec(loaded: Pick<LoadedSpec, 'spec' | 'file' | 'bases' | 'overrides'>): string {
  const bases = loaded.bases.length ? ` (extends ${loaded.bases.join(' → ')})` : '';
  const header = [
    `# Resolved from ${loaded.file}${bases}: defaults filled`,
    ...loaded.overrides.map((o) => `#   --set ${o}`),
  ];
  return `${header.join('\n')}\n${stringify(loaded.spec)}`;
}

/** The spec file's problems first, then each base's, each in line order; overrides last. */
function sortByPosition(issues: SpecIssue[], files: string[]): SpecIssue[] {
  const rank = (issue: SpecIssue) => {
    const i = files.indexOf(issue.source);
    return i < 0 ? files.length : i;
  };
  // An issue without a position (the count of problems left unlisted) goes last in its file.
  const line = (issue: SpecIssue) => issue.line ?? Number.MAX_SAFE_INTEGER;
  return [...issues].sort((a, b) => rank(a) - rank(b) || line(a) - line(b) || (a.column ?? 0) - (b.column ?? 0));
}
