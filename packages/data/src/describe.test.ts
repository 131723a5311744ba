import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeDataset } from './describe.ts';
import { loadDataset } from './load.ts';

const describe = suite('describeDataset');

describe('matches what loading gives, without loading', async () => {
  const spec = { dataset: 'synthetic' as const, normalize: 'scale' as const, synthetic: { classes: 3, imageSize: 8, channels: 1 as const, trainSize: 6, testSize: 3, noise: 0.1 } };
  const loaded = await loadDataset(spec);
  assert.equal(describeDataset(spec), { inputShape: loaded.inputShape, numClasses: loaded.numClasses });
  assert.equal(describeDataset({ dataset: 'cifar10', normalize: 'scale' }), { inputShape: [32, 32, 3], numClasses: 10 });
});

describe.run();
