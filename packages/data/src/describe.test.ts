import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeDataset } from './describe.ts';
import { makeTempDir } from './internal/fixtures.testkit.ts';
import { writeImage } from './internal/format-files.testkit.ts';
import { loadDataset } from './load.ts';

const describe = suite('describeDataset');

describe('matches what loading gives, without loading', async () => {
  const spec = {
    dataset: 'synthetic' as const,
    normalize: 'scale' as const,
    synthetic: { classes: 3, imageSize: 8, channels: 1 as const, trainSize: 6, testSize: 3, noise: 0.1 },
  };
  const loaded = await loadDataset(spec);
  assert.equal(describeDataset(spec), { inputShape: loaded.inputShape, numClasses: loaded.numClasses });
  assert.equal(describeDataset({ dataset: 'cifar10', normalize: 'scale' }), {
    inputShape: [32, 32, 3],
    numClasses: 10,
  });
});

describe('csv and image folders: read (not loaded) to the same shape; named datasets fixed', async () => {
  const temp = await makeTempDir();
  try {
    await writeFile(join(temp.path, 't.csv'), 'n,k,y\n1,a,0\n2,b,1\n3,c,2\n4,a,0\n5,b,1\n');
    const csv: DataSpec = {
      dataset: 'csv',
      path: join(temp.path, 't.csv'),
      normalize: 'scale',
      csv: { label: 'y' } as DataSpec['csv'] & object,
    };
    const table = await loadDataset(csv);
    assert.equal(describeDataset(csv), { inputShape: table.inputShape, numClasses: table.numClasses });
    for (const name of ['p', 'q']) await writeImage(join(temp.path, 'img', name, 'x.png'), 5, 5, [1, 2, 3]);
    const images: DataSpec = {
      dataset: 'images',
      path: join(temp.path, 'img'),
      normalize: 'scale',
      images: { imageSize: [3, 4], color: 'grayscale', fit: 'fill', onBadImage: 'fail' },
      split: { test: 0.5, stratify: false },
    };
    assert.equal(describeDataset(images), { inputShape: [3, 4, 1], numClasses: 2 });
    assert.equal(describeDataset({ dataset: 'cifar100', normalize: 'scale', labelMode: 'coarse' }), {
      inputShape: [32, 32, 3],
      numClasses: 20,
    });
    assert.equal(describeDataset({ dataset: 'fashion-mnist', normalize: 'scale' }), {
      inputShape: [28, 28, 1],
      numClasses: 10,
    });
  } finally {
    await temp.remove();
  }
});

describe.run();
