// Writes the small generated datasets that experiments/ uses (not real data): two csv tables and a folder of
// images. Deterministic: running it again gives the same files. `npx tsx scripts/make-example-data.ts`
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createRng } from '../src/rng.ts';

const OUT = fileURLToPath(new URL('../../../experiments/data/', import.meta.url));
const rng = createRng(2024);
const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;
const round = (v: number, digits = 1) => Number(v.toFixed(digits));

/** Flowers: petal size and colour tell the species; about 4% of cells are empty (data.csv.missing: mean). */
function flowers(): string {
  const species = {
    setosa: [1.5, 0.25, ['white', 'pink']],
    versicolor: [4.3, 1.3, ['blue', 'pink']],
    virginica: [5.6, 2.0, ['blue', 'violet']],
  } as const;
  const rows = ['id,petal_length,petal_width,colour,species'];
  for (let i = 1; i <= 150; i++) {
    const name = (['setosa', 'versicolor', 'virginica'] as const)[i % 3]!;
    const [length, width, colours] = species[name];
    const cells = [round(length + 0.4 * gaussian()), round(width + 0.2 * gaussian()), pick(colours)].map((v) =>
      rng() < 0.04 ? '' : String(v),
    );
    rows.push([`f${i}`, ...cells, name].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** Houses: price (thousands) from rooms, area and district, plus noise; a regression target. */
function houses(): string {
  const premium = { centre: 120, suburb: 40, village: 0 } as const;
  const rows = ['rooms,area,district,price'];
  for (let i = 0; i < 200; i++) {
    const rooms = 1 + Math.floor(rng() * 6);
    const area = round(25 + rooms * 18 + 10 * gaussian(), 0);
    const district = pick(['centre', 'suburb', 'village'] as const);
    rows.push(
      [rooms, area, district, round(50 + 2.2 * area + 8 * rooms + premium[district] + 12 * gaussian())].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** Shapes: 32×32 PNGs of a bright disc, square or cross on a noisy background, at random places and sizes. */
async function shapes(root: string): Promise<void> {
  rmSync(root, { recursive: true, force: true });
  const inside = {
    disc: (dx: number, dy: number, r: number) => dx * dx + dy * dy <= r * r,
    square: (dx: number, dy: number, r: number) => Math.abs(dx) <= r * 0.8 && Math.abs(dy) <= r * 0.8,
    cross: (dx: number, dy: number, r: number) =>
      (Math.abs(dx) <= r / 3 || Math.abs(dy) <= r / 3) && Math.abs(dx) <= r && Math.abs(dy) <= r,
  };
  for (const [name, test] of Object.entries(inside)) {
    mkdirSync(join(root, name), { recursive: true });
    for (let n = 0; n < 30; n++) {
      const size = 32;
      const r = 6 + rng() * 6;
      const cx = r + rng() * (size - 2 * r);
      const cy = r + rng() * (size - 2 * r);
      const colour = [80 + rng() * 175, 80 + rng() * 175, 80 + rng() * 175];
      const pixels = Buffer.alloc(size * size * 3);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const on = test(x - cx, y - cy, r);
          for (let c = 0; c < 3; c++)
            pixels[(y * size + x) * 3 + c] = Math.max(0, Math.min(255, (on ? colour[c]! : 30) + 8 * gaussian()));
        }
      }
      await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
        .png()
        .toFile(join(root, name, `${name}-${String(n).padStart(2, '0')}.png`));
    }
  }
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'flowers.csv'), flowers());
writeFileSync(join(OUT, 'houses.csv'), houses());
await shapes(join(OUT, 'shapes'));
writeFileSync(
  join(OUT, '.gitignore'),
  '# The decode cache that dataset: images writes next to the images.\n.tfyaml-cache/\n',
);
console.log(`wrote ${OUT}`);
