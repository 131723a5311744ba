// Small real files in each format for tests (IDX, CIFAR-100 binary, CSV, PNG/JPEG); never imported by the package.
import { gzipSync } from 'node:zlib';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';

/** An IDX file of unsigned bytes with the given dimensions. */
export function idx(dims: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, 0x08, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

/** Pixel of image `i` at byte `p` (0..783) of an MNIST-shaped split `split` (0 train, 1 test). */
export const mnistPixel = (split: number, i: number, p: number) => (split * 101 + i * 13 + p) & 255;
export const mnistLabel = (split: number, i: number) => (split + i * 3) % 10;

/** The four MNIST files with `train` and `test` images, gzipped or not; returns the files' bytes by name. */
export async function writeMnistFolder(
  folder: string,
  train: number,
  test: number,
  gzip: boolean,
): Promise<Record<string, Uint8Array>> {
  await mkdir(folder, { recursive: true });
  const files: Record<string, Uint8Array> = {};
  for (const [split, prefix, count] of [
    [0, 'train', train],
    [1, 't10k', test],
  ] as const) {
    const images = Uint8Array.from({ length: count * 784 }, (_, k) => mnistPixel(split, Math.floor(k / 784), k % 784));
    const labels = Uint8Array.from({ length: count }, (_, i) => mnistLabel(split, i));
    files[`${prefix}-images-idx3-ubyte`] = idx([count, 28, 28], images);
    files[`${prefix}-labels-idx1-ubyte`] = idx([count], labels);
  }
  const written: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(files)) {
    const [file, data] = gzip ? [`${name}.gz`, gzipSync(bytes)] : [name, bytes];
    await writeFile(`${folder}/${file}`, data);
    written[file] = data;
  }
  return written;
}

export const coarseOf = (record: number) => record % 20;
export const fineOf = (record: number) => (record * 7) % 100;

/** CIFAR-100 train.bin/test.bin (coarse label, fine label, R, G, B planes) and the two name files. */
export async function writeCifar100Folder(folder: string, train: number, test: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  const file = (count: number, offset: number) => {
    const bytes = new Uint8Array(count * 3074);
    for (let r = 0; r < count; r++) {
      bytes[r * 3074] = coarseOf(offset + r);
      bytes[r * 3074 + 1] = fineOf(offset + r);
      for (let k = 0; k < 3072; k++) bytes[r * 3074 + 2 + k] = (offset + r + k) & 255;
    }
    return bytes;
  };
  await writeFile(`${folder}/train.bin`, file(train, 0));
  await writeFile(`${folder}/test.bin`, file(test, 1000));
  await writeFile(`${folder}/fine_label_names.txt`, Array.from({ length: 100 }, (_, i) => `fine${i}`).join('\n'));
  await writeFile(`${folder}/coarse_label_names.txt`, Array.from({ length: 20 }, (_, i) => `coarse${i}`).join('\n'));
}

/** A solid-colour image file (png or jpeg by the extension) of the given size. */
export async function writeImage(
  path: string,
  width: number,
  height: number,
  rgb: [number, number, number],
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set(rgb, i * 3);
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  await (path.endsWith('.png') ? image.png() : image.jpeg({ quality: 95 })).toFile(path);
}
