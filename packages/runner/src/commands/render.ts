import { formatResolvedSpec, loadSpec } from '@tfyaml/spec-schema';

/** `tfyaml render <file>`: the spec as a run would use it (extends, defaults and overrides applied), as YAML. */
export function renderCommand(file: string, overrides: string[]): number {
  process.stdout.write(formatResolvedSpec(loadSpec(file, { overrides })));
  return 0;
}
