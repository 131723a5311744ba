// `tfyaml check <file>`: everything a run would check before training (spec, layer shapes against the dataset),
// then the model summary as Keras prints it. Builds the model on the cpu backend: no data is loaded, nothing trains.
import { restoreSourceMaps } from './_without-bundle-source-maps.ts'; // first: see there
import { describeDataset } from '@tfyaml/data';
import { checkMemory, compileModel, summarizeModel } from '@tfyaml/model-compiler';
import { formatIssue, loadSpec } from '@tfyaml/spec-schema';
import { selectBackend } from '../backend/select.ts';
import { formatModelSummary } from '../model-summary.ts';
import { locateErrors } from './locate-errors.ts';

restoreSourceMaps();

export async function checkCommand(file: string, overrides: string[]): Promise<number> {
  const loaded = loadSpec(file, { overrides });
  for (const warning of loaded.warnings) process.stderr.write(`⚠ ${formatIssue(warning)}\n`);
  const shape = await locateErrors(loaded, () => describeDataset(loaded.spec.data));
  // Refused from the spec alone, before a backend loads: building a model too large for the machine would allocate
  // until it swaps.
  await locateErrors(loaded, () => checkMemory(loaded.spec, shape));
  await selectBackend('cpu');
  const { model } = await locateErrors(loaded, () => compileModel(loaded.spec, shape));
  process.stdout.write(`${formatModelSummary(summarizeModel(model), loaded.spec.name)}\n`);
  if (loaded.spec.sweep) process.stdout.write(`${(await import('../sweep/describe.ts')).checkSweep(loaded)}\n`);
  process.stderr.write(
    `✔ ${file} is valid${loaded.warnings.length ? ` (${loaded.warnings.length} warning${loaded.warnings.length === 1 ? '' : 's'})` : ''}\n`,
  );
  return 0;
}
