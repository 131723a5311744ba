import { formatIssue, formatResolvedSpec, loadSpec } from '@tfyaml/spec-schema';

/** Validates without training: prints warnings and the resolved spec, exits 0 when it would run. */
export function checkCommand(file: string, overrides: string[]): number {
  const loaded = loadSpec(file, { overrides });
  for (const warning of loaded.warnings) process.stderr.write(`⚠ ${formatIssue(warning)}\n`);
  process.stdout.write(formatResolvedSpec(loaded));
  process.stderr.write(`✔ ${file} is valid\n`);
  return 0;
}
