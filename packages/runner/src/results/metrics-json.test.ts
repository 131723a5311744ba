import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readMetricsJson, writeMetricsJson } from './metrics-json.ts';

const test = suite('metrics.json');

test('written flat and indented, read back as written; undefined before evaluate ran', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-metrics-json-'));
  try {
    assert.is(readMetricsJson(dir), undefined);
    writeMetricsJson(dir, { data: 'cifar10 (test split)', count: 2, loss: 0.5, accuracy: 1 });
    assert.match(
      readFileSync(join(dir, 'metrics.json'), 'utf8'),
      '{\n  "data": "cifar10 (test split)",\n  "count": 2,',
    );
    assert.equal(readMetricsJson(dir), { data: 'cifar10 (test split)', count: 2, loss: 0.5, accuracy: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
