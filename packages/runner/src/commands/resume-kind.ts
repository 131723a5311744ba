// `tfyaml run --resume <dir>` continues a run or a sweep: the folder says which. Imported by the CLI entry, so it
// stays light (no TensorFlow).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SWEEP_FILE } from '../results/sweep-yaml.ts';

/** A sweep folder holds sweep.yaml; a run folder (a sweep trial's too) does not. */
export function isSweepFolder(dir: string): boolean {
  return existsSync(join(dir, SWEEP_FILE));
}
