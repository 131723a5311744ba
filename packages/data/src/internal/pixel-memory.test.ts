import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from '../errors.ts';
import { checkPixelMemory } from './pixel-memory.ts';

const memory = suite('checkPixelMemory');
const demand = { imageBytes: 32 * 32 * 3, what: 'the images', hint: 'Use fewer.', specPath: 'data.images.imageSize' };

memory('a dataset that fits passes', () => {
  checkPixelMemory({ ...demand, counts: [50_000, 10_000] });
});

memory('one that cannot fit is a DataError with what it needs, the limit, the hint and the field', () => {
  assert.throws(
    () => checkPixelMemory({ ...demand, counts: [1e9, 10] }),
    (error: unknown) =>
      error instanceof DataError &&
      /^the images would need 2\.86e\+3 GiB of memory; at most [\d.]+ GiB fits \(half of this machine's memory, one buffer per split\)\. Use fewer\.$/.test(
        error.message,
      ) &&
      error.specPath === 'data.images.imageSize',
  );
});

memory.run();
