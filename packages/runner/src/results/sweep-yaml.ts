// sweep.yaml: the resolved sweep file (defaults filled, --set listed at the top), written when a sweep starts.
// --resume loads it back as the spec it was; a report reads what it can of it, even from a damaged sweep.
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatResolvedSpec, loadSpec, type LoadedSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { readResultsFile } from './read-file.ts';

export const SWEEP_FILE = 'sweep.yaml';

/** The parts of sweep.yaml a report uses, none guaranteed. */
export interface SweepYamlView {
  text: string;
  name?: unknown;
  sweep?: {
    method?: string;
    metric?: { name?: string; goal?: string };
    metrics?: unknown;
    parameters?: Record<string, unknown>;
  };
}

export function writeSweepYaml(sweepDir: string, loaded: LoadedSpec): void {
  writeFileAtomic(join(sweepDir, SWEEP_FILE), formatResolvedSpec(loaded));
}

/** The sweep as it started, validated like any experiment file (SpecError when it no longer is one). */
export function loadSweepYaml(sweepDir: string): LoadedSpec {
  return loadSpec(join(sweepDir, SWEEP_FILE));
}

/** For reports: undefined without the file; not YAML at all is a user error. */
export function readSweepYaml(sweepDir: string): SweepYamlView | undefined {
  const path = join(sweepDir, SWEEP_FILE);
  const text = readResultsFile(path);
  if (text === undefined) return undefined;
  try {
    const doc: unknown = parse(text);
    return {
      ...(doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Omit<SweepYamlView, 'text'>) : {}),
      text,
    };
  } catch (error) {
    throw new RunError(`${path} is not valid YAML: ${(error as Error).message}`, 'restore the file the sweep wrote', {
      cause: error,
    });
  }
}
