// The experiment a sweep's trials run: the sweep file without its `sweep:` block, written out so each trial is an
// ordinary run of that file with its parameters as `--set` overrides.
import { stringify } from 'yaml';
import { SpecError } from './errors.ts';
import { readWithBases } from './extends.ts';
import { applyOverrides, parseOverride, type Override } from './overrides.ts';
import { parsePath, type PathKey } from './paths.ts';
import { readSpecFile } from './read-spec-file.ts';
import { SpecOrigin } from './source.ts';
import { flattenSpace } from './sweep-space.ts';
import type { Spec } from './types.ts';

type Raw = Record<PathKey, unknown>;

/**
 * The YAML of `file` with `extends` merged, relative paths made absolute, `overrides` applied and `sweep` removed.
 * Defaults stay unfilled, so the ones that follow other values (an optimizer's learning rate, a oneCycle peak) follow
 * the trial's parameters; only where a swept path runs through a value the file leaves to its default (or writes as
 * a shorthand, `optimizer: adam`) is that value written out from `resolved`, so `--set` has a map to set into.
 * `resolved` is what `loadSpec` made of the same file and overrides.
 */
export function experimentWithoutSweep(file: string, overrides: readonly string[], resolved: Spec): string {
  const read = readSpecFile(file);
  // loadSpec read this file a moment ago; failing now means it changed since.
  if (!('text' in read))
    throw new SpecError([{ path: '', source: file, message: read.message, hint: read.hint }], { cause: read.cause });
  const { raw, files } = readWithBases(file, read.text);
  const parsed = overrides.map(parseOverride).filter((o): o is Override => 'value' in o);
  applyOverrides(raw, new SpecOrigin(files), parsed);
  for (const { path } of flattenSpace(resolved.sweep?.parameters ?? {}))
    writeOutDefaults(raw, resolved as unknown as Raw, parsePath(path) ?? []);
  delete raw['sweep'];
  return stringify(raw);
}

function writeOutDefaults(raw: Raw, resolved: Raw, keys: readonly PathKey[]): void {
  let [node, full]: [Raw, Raw] = [raw, resolved];
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    if (!isContainer(full[key])) return;
    if (!isContainer(node[key])) {
      node[key] = structuredClone(full[key]);
      return;
    }
    [node, full] = [node[key] as Raw, full[key] as Raw];
  }
}

const isContainer = (value: unknown): boolean => typeof value === 'object' && value !== null;
