import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { parseFormats, reportCommand } from './command.ts';
import { writeRunFixture } from './folders.testkit.ts';

const formats = suite('parseFormats');

formats('one flag, a comma list, or the flag repeated; case and duplicates forgiven', () => {
  assert.equal(parseFormats(undefined), []);
  assert.equal(parseFormats('svg'), ['svg']);
  assert.equal(parseFormats('SVG,png'), ['svg', 'png']);
  assert.equal(parseFormats(['png', 'svg', 'png']), ['png', 'svg']);
});

formats('an unknown format is a user error naming the allowed ones', () => {
  assert.throws(
    () => parseFormats('svg,pdf'),
    (error: unknown) =>
      error instanceof RunError && error.message.includes('pdf') && error.hint!.includes('svg or png'),
  );
});

formats.run();

const command = suite('reportCommand');

command('--format svg,png writes every chart as a standalone SVG and a PNG next to report.html', () => {
  const dir = writeRunFixture(join(mkdtempSync(join(tmpdir(), 'tfyaml-report-cmd-')), 'run'));
  const write = process.stdout.write;
  const printed: string[] = [];
  process.stdout.write = ((text: string) => printed.push(text) > 0) as typeof process.stdout.write;
  try {
    assert.is(reportCommand(dir, { format: 'svg,png' }), 0);
  } finally {
    process.stdout.write = write;
  }
  const files = readdirSync(join(dir, 'charts')).sort();
  assert.is(files.length, 12);
  assert.ok(files.includes('confusion.png') && files.includes('curve-loss.svg'));
  const svg = readFileSync(join(dir, 'charts', 'curve-loss.svg'), 'utf8');
  assert.ok(
    svg.startsWith('<svg') && !svg.includes('currentColor'),
    'a standalone SVG has real ink, not the page colour',
  );
  assert.equal(
    [...readFileSync(join(dir, 'charts', 'curve-loss.png')).subarray(0, 4)],
    [0x89, 0x50, 0x4e, 0x47],
    'PNG signature',
  );
  assert.match(printed.join(''), /^run report: .*report\.html \(\d+ KiB\)\n12 chart files in .*charts\/\n$/);
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

command.run();
