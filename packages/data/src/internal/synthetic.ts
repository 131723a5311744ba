import { SYNTHETIC_DEFAULTS, type SyntheticOptions } from '@tfyaml/spec-schema';
import { DataError } from '../errors.ts';
import { createRng, deriveSeed } from '../rng.ts';
import type { Dataset, ImageSplit } from '../types.ts';
import { checkPixelMemory } from './pixel-memory.ts';

/**
 * A dataset a small CNN learns in seconds but no single pixel gives away: each image is a disc of stripes at
 * a random place, with random phase, colours and contrast, over a random background, plus uniform noise.
 * Only the stripes' orientation (π·label/classes, slightly jittered) tells the class, so a model has to
 * find a local oriented pattern, which is what convolutions are for. Labels cycle 0,1,…, so the first N
 * records (trainLimit/testLimit) stay balanced; the same seed and options always give the same bytes.
 */
export function generateSynthetic(
  options: Partial<SyntheticOptions> | undefined,
  seed: number,
  limits: { train?: number; test?: number },
): Dataset {
  const o = checkSyntheticOptions(options);
  const count = (size: number, limit: number | undefined) => Math.max(0, Math.min(size, limit ?? size));
  return {
    name: 'synthetic',
    inputShape: [o.imageSize, o.imageSize, o.channels],
    numClasses: o.classes,
    classNames: Array.from({ length: o.classes }, (_, i) => `class_${i}`),
    task: 'classification',
    train: generateSplit(o, count(o.trainSize, limits.train), createRng(deriveSeed(seed, 1))),
    test: generateSplit(o, count(o.testSize, limits.test), createRng(deriveSeed(seed, 2))),
    source: 'generated',
  };
}

function generateSplit(o: SyntheticOptions, count: number, rng: () => number): ImageSplit {
  const recordSize = o.imageSize * o.imageSize * o.channels;
  const split: ImageSplit = { images: new Uint8Array(count * recordSize), labels: new Uint8Array(count), count };
  for (let i = 0; i < count; i++) {
    const label = i % o.classes;
    split.labels[i] = label;
    drawImage(split.images.subarray(i * recordSize, (i + 1) * recordSize), label, o, rng);
  }
  return split;
}

function drawImage(out: Uint8Array, label: number, o: SyntheticOptions, rng: () => number): void {
  const { imageSize: size, channels, noise } = o;
  const angle = (Math.PI * (label + 0.3 * (rng() - 0.5))) / o.classes;
  const period = Math.max(3, size / 4) * (0.85 + 0.3 * rng());
  const kx = ((2 * Math.PI) / period) * Math.cos(angle);
  const ky = ((2 * Math.PI) / period) * Math.sin(angle);
  const phase = 2 * Math.PI * rng();
  const radius = size * (0.3 + 0.15 * rng());
  const cx = radius / 2 + rng() * (size - radius);
  const cy = radius / 2 + rng() * (size - radius);
  // Stripes go from `low` to `low + contrast` per channel: random hue, random sign, never clipped.
  const contrast = (0.35 + 0.35 * rng()) * (rng() < 0.5 ? -1 : 1);
  const low: number[] = [];
  const background: number[] = [];
  for (let c = 0; c < channels; c++) {
    low.push(Math.max(0, -contrast) + rng() * (1 - Math.abs(contrast)));
    background.push(rng());
  }
  let at = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
      const stripe = inside ? 0.5 + 0.5 * Math.sin(kx * x + ky * y + phase) : 0;
      for (let c = 0; c < channels; c++) {
        const value = (inside ? low[c]! + contrast * stripe : background[c]!) + noise * (2 * rng() - 1);
        // Uint8Array stores doubles by truncating after clamping; the +0.5 makes it round.
        out[at++] = Math.min(255, Math.max(0, value * 255 + 0.5));
      }
    }
  }
}

/** The options with their defaults, refused as generateSynthetic would refuse them, without generating (check). */
export function checkSyntheticOptions(options: Partial<SyntheticOptions> | undefined): SyntheticOptions {
  const o: SyntheticOptions = { ...SYNTHETIC_DEFAULTS, ...options };
  checkOptions(o);
  checkPixelMemory({
    counts: [o.trainSize, o.testSize],
    imageBytes: o.imageSize * o.imageSize * o.channels,
    what: `${o.trainSize} + ${o.testSize} synthetic images of ${o.imageSize}×${o.imageSize}×${o.channels}`,
    hint: 'Lower data.synthetic.trainSize, testSize or imageSize.',
    specPath: o.trainSize >= o.testSize ? 'data.synthetic.trainSize' : 'data.synthetic.testSize',
  });
  return o;
}

function checkOptions(o: SyntheticOptions): void {
  const problems: string[] = [];
  const fields: string[] = [];
  const whole = (key: keyof SyntheticOptions, min: number, max = Infinity) => {
    const value = o[key];
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      problems.push(`data.synthetic.${key} must be a whole number from ${min} to ${max}, received ${value}`);
      fields.push(`data.synthetic.${key}`);
    }
  };
  // Labels are stored as bytes.
  whole('classes', 2, 256);
  whole('imageSize', 4);
  whole('channels', 1);
  whole('trainSize', 1);
  whole('testSize', 1);
  if (!(o.noise >= 0 && o.noise <= 1)) {
    problems.push(`data.synthetic.noise must be between 0 and 1, received ${o.noise}`);
    fields.push('data.synthetic.noise');
  }
  // The first field at fault is the one the error points at; the message lists them all.
  if (problems.length > 0)
    throw new DataError(`Invalid synthetic dataset options:\n  ${problems.join('\n  ')}`, { specPath: fields[0] });
}
