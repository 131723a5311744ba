import type { DataSpec } from '@tfyaml/spec-schema';
import { loadCifar10 } from './internal/cifar10.ts';
import { generateSynthetic } from './internal/synthetic.ts';
import type { Dataset, LoadOptions } from './types.ts';

/** Fixed so that a synthetic dataset depends only on its options unless the caller passes a seed. */
const SYNTHETIC_SEED = 0x5eed;

/** Loads (or generates) the dataset of `spec`, keeping the first trainLimit/testLimit records of each split. */
export async function loadDataset(spec: DataSpec, options: LoadOptions = {}): Promise<Dataset> {
  switch (spec.dataset) {
    case 'cifar10':
      return loadCifar10(spec, options);
    case 'synthetic':
      return generateSynthetic(spec.synthetic, options.seed ?? SYNTHETIC_SEED, { train: spec.trainLimit, test: spec.testLimit });
  }
}
