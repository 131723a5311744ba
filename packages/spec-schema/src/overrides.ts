// `--set training.epochs=1 --set model.layers[0].filters=16`: edits applied to the merged spec before validation.
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { cut } from './describe.ts';
import type { SpecIssue } from './errors.ts';
import { mapKeyProblems } from './map-keys.ts';
import { formatPath, parsePath, RESERVED_KEY_HINT, reservedKeyIn, type PathKey } from './paths.ts';
import type { SpecOrigin } from './source.ts';
import { isNestedTooDeeply } from './syntax-errors.ts';

export interface Override {
  path: PathKey[];
  value: unknown;
  argument: string;
}

/** Parses `path=value`; the value is read as YAML, so `16`, `true`, `[1, 2]` and `adam` mean what they do in a file. */
export function parseOverride(argument: string): Override | SpecIssue {
  const at = argument.indexOf('=');
  const path = at > 0 ? parsePath(argument.slice(0, at).trim()) : undefined;
  const problem = (message: string, hint: string): SpecIssue => ({
    path: '',
    source: `--set ${argument}`,
    message,
    hint,
  });
  if (!path)
    return problem('expected path=value', 'write it like --set training.epochs=1 or --set model.layers[0].filters=16');
  const reserved = reservedKeyIn(path);
  if (reserved) return problem(`"${reserved}" cannot be part of a spec path`, RESERVED_KEY_HINT);
  // Bases are read before overrides apply: a set `extends` would be silently kept, never read.
  if (path[0] === 'extends') {
    const hint = 'write extends: in the experiment file, or --set the values themselves';
    return { ...problem('cannot be set with --set', hint), path: 'extends' };
  }
  // Parsed like a spec file: duplicate keys checked in linear time, reserved keys refused.
  const document = parseDocument(argument.slice(at + 1), { prettyErrors: false, uniqueKeys: false });
  const error = document.errors[0];
  if (error && isNestedTooDeeply(error.message))
    return problem('the value is nested too deeply to read', 'write it flatter');
  if (error)
    return problem(
      `the value is not valid YAML: ${cut(error.message.split('\n')[0]!, 80)}`,
      'quote strings that contain ":" or "#"',
    );
  const keyProblem = mapKeyProblems(document)[0];
  if (keyProblem) return problem(`the value: ${keyProblem.message}`, keyProblem.hint);
  try {
    return { path, value: document.toJS(), argument };
  } catch {
    return problem("the value's aliases expand to too much data (an alias bomb)", 'write the value out');
  }
}

export function applyOverrides(
  raw: Record<string, unknown>,
  origin: SpecOrigin,
  overrides: readonly Override[],
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const override of overrides) {
    const problem = setPath(raw, override.path, withAbsolutePaths(override));
    if (problem) {
      issues.push({
        path: formatPath(override.path),
        source: `--set ${override.argument}`,
        message: problem,
        hint: 'override an existing list item, or set the whole list',
      });
      continue;
    }
    origin.markOverride(override.path, override.argument);
  }
  return issues;
}

/** A path typed on the command line is relative to where it was typed. */
function withAbsolutePaths(override: Override): unknown {
  const isDataPath = formatPath(override.path) === 'data.path';
  return isDataPath && typeof override.value === 'string' && !isAbsolute(override.value)
    ? resolve(override.value)
    : override.value;
}

/** Sets a value, creating missing maps; a list index past the end is refused (it would leave holes). */
function setPath(root: Record<string, unknown>, path: readonly PathKey[], value: unknown): string | undefined {
  const reserved = reservedKeyIn(path);
  if (reserved) return `"${reserved}" cannot be part of a spec path`;
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const container = node as Record<PathKey, unknown>;
    if (typeof key === 'number') {
      if (!Array.isArray(node)) return `${formatPath(path.slice(0, i))} is not a list`;
      if (key >= node.length) return `index ${key} is past the end of the list (it has ${node.length} items)`;
    } else if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return `${formatPath(path.slice(0, i))} is not a map`;
    }
    if (i === path.length - 1) container[key] = value;
    else {
      if (container[key] === undefined || container[key] === null)
        container[key] = typeof path[i + 1] === 'number' ? [] : {};
      node = container[key];
    }
  }
  return undefined;
}
