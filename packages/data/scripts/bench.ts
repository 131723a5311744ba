// Data benchmarks (numbers in the README): `pnpm --filter @tfyaml/data bench`.
//  1. An image folder of 2,000 generated 64×64 JPEGs: the first load decodes and writes the cache, later loads
//     read it.
//  2. Augmentation on a CIFAR-10 epoch (real files from $TFYAML_DATA_DIR): the batch pipeline with and without it.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AugmentSpec, DataSpec } from '@tfyaml/spec-schema';
import { BatchSource, fitNormalization, loadDataset } from '../src/index.ts';
import { createRng } from '../src/rng.ts';

const seconds = (start: number) => (performance.now() - start) / 1000;

async function imageFolder(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tfyaml-bench-images-'));
  try {
    const rng = createRng(1);
    for (let c = 0; c < 4; c++) {
      await mkdir(join(root, `class${c}`));
      for (let i = 0; i < 500; i++) {
        const pixels = Buffer.from(
          Uint8Array.from({ length: 64 * 64 * 3 }, (_, k) => (k % 3 === c % 3 ? 128 : 0) + rng() * 127),
        );
        await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } })
          .jpeg({ quality: 90 })
          .toFile(join(root, `class${c}`, `${i}.jpg`));
      }
    }
    const spec: DataSpec = {
      dataset: 'images',
      path: root,
      normalize: 'scale',
      images: { imageSize: 64, color: 'rgb', fit: 'fill', onBadImage: 'fail' },
      split: { test: 0.2, stratify: false },
    };
    const options = { env: {}, cacheDir: join(root, '.user-cache') };
    const times: number[] = [];
    for (let run = 0; run < 4; run++) {
      const start = performance.now();
      const data = await loadDataset(spec, options);
      times.push(seconds(start));
      if (run === 0) console.log(`images: ${data.train.count + data.test.count} JPEGs 64×64`);
    }
    const [first, ...later] = times;
    const best = Math.min(...later);
    console.log(
      `images: first load (decode + cache) ${first!.toFixed(2)} s; later loads ${later.map((t) => t.toFixed(3)).join(', ')} s; ${(first! / best).toFixed(0)}× faster from the cache`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function cifarAugmentation(): Promise<void> {
  if (!process.env['TFYAML_DATA_DIR']) {
    console.log('cifar: skipped (set TFYAML_DATA_DIR to the folder holding cifar-10-batches-bin/)');
    return;
  }
  const spec: DataSpec = { dataset: 'cifar10', normalize: 'standardize' };
  const data = await loadDataset(spec);
  const normalization = fitNormalization(spec, data, data.train);
  const none: AugmentSpec = { horizontalFlip: false, cropPadding: 0, brightness: 0, contrast: 0, noise: 0 };
  const variants: [string, AugmentSpec | undefined][] = [
    ['none', undefined],
    ['flip + crop 4', { ...none, horizontalFlip: true, cropPadding: 4 }],
    [
      'flip + crop 4 + brightness + contrast + noise',
      { horizontalFlip: true, cropPadding: 4, brightness: 0.1, contrast: 0.1, noise: 0.02 },
    ],
  ];
  const epoch = (augment: AugmentSpec | undefined, index: number) => {
    const source = new BatchSource(data.train, data.inputShape, {
      batchSize: 32,
      shuffle: true,
      seed: 1,
      normalization,
      augment,
    });
    const start = performance.now();
    for (const batch of source.epoch(index)) if (batch.size === 0) throw new Error('empty batch');
    return seconds(start);
  };
  // Round-robin, best of 5: the machine is shared, so each variant sees the same background load.
  const best = variants.map(() => Infinity);
  for (let round = 1; round <= 5; round++)
    variants.forEach(([, augment], v) => {
      best[v] = Math.min(best[v]!, epoch(augment, round));
    });
  variants.forEach(([name], v) => {
    console.log(
      `cifar: batches of one epoch (50,000 images), augment ${name}: ${best[v]!.toFixed(2)} s (+${(best[v]! - best[0]!).toFixed(2)} s)`,
    );
  });
}

await imageFolder();
await cifarAugmentation();
