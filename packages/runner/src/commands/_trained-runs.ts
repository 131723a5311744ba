// Tiny trained runs for the evaluate and predict tests: a csv classification run and an image-folder run.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Progress } from '../progress.ts';
import { runExperiment } from './run.ts';

const silent: Progress = { epochStart() {}, batch() {}, epochEnd() {}, download() {}, note() {}, stop() {} };

/** Two numeric columns and a categorical one decide the class; row r of either file is deterministic. */
function rows(count: number, offset: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const r = i + offset;
    const x = ((r * 37) % 100) / 10;
    const y = ((r * 53) % 100) / 10;
    const colour = ['red', 'green', 'blue'][r % 3]!;
    const kind = x + y > 10 ? 'big' : colour === 'red' ? 'red-small' : 'small';
    return `${r},${x},${r % 7 === 0 ? '' : y},${colour},${kind}`;
  });
}

export async function trainCsvRun(): Promise<{ dir: string; folder: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'tfyaml-csv-run-'));
  const header = 'name,x,y,colour,kind';
  writeFileSync(join(folder, 'train.csv'), `${[header, ...rows(120, 0)].join('\n')}\n`);
  writeFileSync(join(folder, 'test.csv'), `${[header, ...rows(30, 500)].join('\n')}\n`);
  writeFileSync(
    join(folder, 'exp.yaml'),
    `name: csvrun
seed: 3
backend: wasm
data:
  dataset: csv
  path: train.csv
  csv: { label: kind, id: name, missing: mean }
  split: { test: test.csv }
model:
  layers:
    - { type: dense, units: 8, activation: relu }
    - { type: dense, units: 3, activation: softmax }
training:
  optimizer: { type: adam, learningRate: 0.02 }
  epochs: 4
  batchSize: 16
  workers: 1
`,
  );
  const { dir } = await runExperiment({
    file: join(folder, 'exp.yaml'),
    out: join(folder, 'results'),
    progress: silent,
  });
  return { dir, folder };
}

export async function trainImageRun(): Promise<{ dir: string; folder: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'tfyaml-image-run-'));
  for (const [name, level] of [
    ['dark', 40],
    ['light', 210],
  ] as const) {
    mkdirSync(join(folder, 'images', name), { recursive: true });
    for (let i = 0; i < 6; i++) {
      const pixels = Buffer.alloc(10 * 10 * 3, level + i * 3);
      await sharp(pixels, { raw: { width: 10, height: 10, channels: 3 } })
        .png()
        .toFile(join(folder, 'images', name, `${i}.png`));
    }
  }
  writeFileSync(
    join(folder, 'exp.yaml'),
    `name: imgrun
seed: 3
backend: wasm
data:
  dataset: images
  path: images
  images: { imageSize: 8, color: grayscale }
  split: { test: 0.5, stratify: true }
  augment: { horizontalFlip: true }
model:
  layers:
    - { type: flatten }
    - { type: dense, units: 2, activation: softmax }
training:
  epochs: 2
  batchSize: 4
  workers: 1
`,
  );
  const { dir } = await runExperiment({
    file: join(folder, 'exp.yaml'),
    out: join(folder, 'results'),
    progress: silent,
  });
  return { dir, folder };
}
