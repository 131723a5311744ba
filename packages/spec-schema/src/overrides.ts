// `--set training.epochs=1 --set model.layers[0].filters=16`: edits applied to the document before validation.
import { parse as parseYaml } from 'yaml';
import type { SpecIssue } from './errors.ts';
import { formatPath, parsePath, type PathKey } from './paths.ts';
import type { SpecSource } from './source.ts';

export interface Override { path: PathKey[]; value: unknown; argument: string }

/** Parses `path=value`; the value is read as YAML, so `16`, `true`, `[1, 2]` and `adam` mean what they do in a file. */
export function parseOverride(argument: string): Override | SpecIssue {
  const at = argument.indexOf('=');
  const path = at > 0 ? parsePath(argument.slice(0, at).trim()) : undefined;
  const problem = (message: string, hint: string): SpecIssue => ({ path: '', source: `--set ${argument}`, message, hint });
  if (!path) return problem('expected path=value', 'write it like --set training.epochs=1 or --set model.layers[0].filters=16');
  try {
    return { path, value: parseYaml(argument.slice(at + 1)), argument };
  } catch (error) {
    return problem(`the value is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'quote strings that contain ":" or "#"');
  }
}

export function applyOverrides(source: SpecSource, overrides: readonly Override[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const override of overrides) {
    const problem = missingParent(source, override.path);
    if (problem) {
      issues.push({ path: '', source: `--set ${override.argument}`, message: problem, hint: 'override an existing list item, or set the whole list' });
      continue;
    }
    source.document.setIn(override.path, source.document.createNode(override.value));
    source.markOverride(override.path, override.argument);
  }
  return issues;
}

/** A list index past the end cannot be set: yaml would silently pad the list with nulls. */
function missingParent(source: SpecSource, path: readonly PathKey[]): string | undefined {
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key !== 'number') continue;
    const length = source.listLength(path.slice(0, i));
    if (length === undefined) return `${formatPath(path.slice(0, i))} is not a list`;
    if (key >= length) return `index ${key} is past the end of the list (it has ${length} items)`;
  }
  return undefined;
}
