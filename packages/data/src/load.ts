import type { DataSpec } from '@tfyaml/spec-schema';
import { loadCifar10 } from './internal/cifar10.ts';
import { loadCifar100 } from './internal/cifar100.ts';
import { loadCsv } from './internal/csv.ts';
import { loadImages } from './internal/images.ts';
import { loadMnist } from './internal/mnist.ts';
import { applySplits, readLimits } from './internal/splits.ts';
import { generateSynthetic } from './internal/synthetic.ts';
import type { Dataset, LoadOptions } from './types.ts';

/** Fixed so that generated data and data.split fractions depend only on the options unless the caller passes a seed. */
const DEFAULT_SEED = 0x5eed;

/**
 * Loads (or generates) the dataset of `spec` and applies `data.split` (named datasets keep their own test split
 * unless it says otherwise), keeping the first trainLimit/testLimit records of each split.
 */
export async function loadDataset(spec: DataSpec, options: LoadOptions = {}): Promise<Dataset> {
  const seed = options.seed ?? DEFAULT_SEED;
  const limits = readLimits(spec);
  switch (spec.dataset) {
    case 'csv':
      return loadCsv(spec, options, seed);
    case 'images':
      return loadImages(spec, options, seed);
    case 'cifar10':
      return withSplits(await loadCifar10(spec, options, limits), spec, seed);
    case 'cifar100':
      return withSplits(await loadCifar100(spec, options, limits), spec, seed);
    case 'mnist':
    case 'fashion-mnist':
      return withSplits(await loadMnist(spec.dataset, spec, options, limits), spec, seed);
    case 'synthetic':
      return withSplits(generateSynthetic(spec.synthetic, seed, limits), spec, seed);
  }
}

/** Datasets with their own train and test split: data.split may re-cut them. */
function withSplits(dataset: Dataset, spec: DataSpec, seed: number): Dataset {
  const { train, test, validation } = applySplits({ train: dataset.train, test: dataset.test }, spec, seed);
  return { ...dataset, train, test, ...(validation ? { validation } : {}) };
}
