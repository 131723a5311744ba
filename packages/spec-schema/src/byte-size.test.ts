import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BYTE_SIZE_PATTERN, formatBytes, parseByteSize } from './byte-size.ts';

const sizes = suite('parseByteSize');

sizes('reads decimal and binary units, any case, with or without a space', () => {
  assert.is(parseByteSize('8GB'), 8e9);
  assert.is(parseByteSize('512 MiB'), 512 * 2 ** 20);
  assert.is(parseByteSize('1.5tb'), 1.5e12);
  assert.is(parseByteSize('100B'), 100);
  assert.is(parseByteSize(4096), 4096);
});

sizes('the schema pattern accepts what the parser reads and refuses the rest', () => {
  const pattern = new RegExp(BYTE_SIZE_PATTERN);
  for (const good of ['8GB', '512 MiB', '1.5tb', '100B']) assert.ok(pattern.test(good), good);
  for (const bad of ['8', '8G', 'GB', '8 GBs', '-1GB', '1e9B']) assert.not.ok(pattern.test(bad), bad);
});

sizes.run();

const format = suite('formatBytes');

format('three significant digits with a decimal unit', () => {
  assert.is(formatBytes(999), '999 B');
  assert.is(formatBytes(12_345_678_901), '12.3 GB');
  assert.is(formatBytes(1.6e12), '1.6 TB');
});

format.run();
