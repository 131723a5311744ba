import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostileCaseError, readCases } from './case-file.ts';

const read = suite('readCases');

function corpus(cases: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'tfyaml-hostile-cases-'));
  mkdirSync(join(root, '_shared'));
  for (const [name, json] of Object.entries(cases)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'case.json'), typeof json === 'string' ? json : JSON.stringify(json));
  }
  return root;
}

read('reads every folder with a case.json, sorted, with defaults and compiled regexes', () => {
  const root = corpus({
    'b-case': { class: 'lock', description: 'd', args: ['run', 'x.yaml'], exitCode: 1, stderr: ['lock(ed)?'] },
    'a-case': { class: 'disk', description: 'd', args: [], exitCode: 0, timeoutMs: 5000, maxRssMb: 300, setup: 'true' },
  });
  const [a, b] = readCases(root);
  assert.equal([a!.name, a!.timeoutMs, a!.maxRssMb, a!.setup], ['a-case', 5000, 300, 'true']);
  assert.is(a!.dir, join(root, 'a-case'));
  assert.equal([b!.name, b!.timeoutMs, b!.maxRssMb, b!.setup, b!.stdout], ['b-case', 60_000, 1500, undefined, []]);
  assert.ok(b!.stderr[0]!.test('locked'));
  rmSync(root, { recursive: true, force: true });
});

read('a case the harness cannot run is a HostileCaseError naming its file and the field', () => {
  const base = { class: 'lock', description: 'd', args: [], exitCode: 1 };
  const wrong: [unknown, RegExp][] = [
    ['{ not json', /not valid JSON/],
    [{ class: 'typo', description: 'd', args: [], exitCode: 1 }, /"class" must be one of write-outside, /],
    [{ ...base, args: 'run x' }, /"args" must be a list of strings/],
    [{ ...base, stderr: ['('] }, /"stderr": Invalid regular expression/],
    [{ ...base, timeoutMs: -1 }, /"timeoutMs" must be a positive number/],
  ];
  for (const [json, message] of wrong) {
    const root = corpus({ bad: json });
    const file = join(root, 'bad', 'case.json');
    assert.throws(
      () => readCases(root),
      (error: unknown) =>
        error instanceof HostileCaseError && error.message.startsWith(file) && message.test(error.message),
    );
    rmSync(root, { recursive: true, force: true });
  }
});

read.run();
