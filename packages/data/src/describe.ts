import type { DataSpec } from '@tfyaml/spec-schema';
import { SYNTHETIC_DEFAULTS } from './internal/synthetic.ts';

export interface DatasetShape { inputShape: [number, number, number]; numClasses: number }

/** A dataset's sample shape and class count without loading it, for `tfyaml check`. */
export function describeDataset(spec: DataSpec): DatasetShape {
  switch (spec.dataset) {
    case 'cifar10':
      return { inputShape: [32, 32, 3], numClasses: 10 };
    case 'synthetic': {
      const o = { ...SYNTHETIC_DEFAULTS, ...spec.synthetic };
      return { inputShape: [o.imageSize, o.imageSize, o.channels], numClasses: o.classes };
    }
  }
}
