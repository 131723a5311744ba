import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpec } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'tfyaml-extends-'));

function issuesOf(text: string, base: string): SpecIssue[] {
  writeFileSync(join(dir, 'base.yaml'), base);
  writeFileSync(join(dir, 'exp.yaml'), text);
  try {
    loadSpec(join(dir, 'exp.yaml'));
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}

const hostile = suite('readWithBases :: hostile bases');

hostile('a base with a __proto__ key is refused before merging, and Object.prototype stays clean', () => {
  const issues = issuesOf('extends: base.yaml\nname: child\n', 'name: base\n__proto__: { polluted: true }\n');
  assert.equal(
    issues.map((i) => [i.source, i.line, i.column, i.message]),
    [[join(dir, 'base.yaml'), 2, 1, '"__proto__" cannot be a key']],
  );
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

hostile('a base that is not an experiment is refused without repeating any of its content', () => {
  for (const secret of ['root:$6$SECRETHASH:19000:0:99999:7:::\n', 'SECRET_TOKEN: abc123SECRET\n', '- SECRET\n']) {
    const issues = issuesOf('extends: base.yaml\nname: child\n', secret);
    assert.is(issues.length, 1, secret);
    assert.is(
      issues[0]!.message,
      'the file this one extends is not an experiment (a YAML map with name:, data:, model:, …)',
    );
    assert.not.match(JSON.stringify(issues), 'SECRET');
  }
});

hostile(
  "a base that is not valid YAML is refused at the position, without yaml's message (it may quote the text)",
  () => {
    const issues = issuesOf('extends: base.yaml\nname: child\n', 'name: x\ndata: !SECRET-TAG [1\n');
    assert.ok(issues.length > 0);
    assert.ok(
      issues.every((i) => i.message === 'not valid YAML here' && i.line !== undefined),
      JSON.stringify(issues),
    );
    assert.not.match(JSON.stringify(issues), 'SECRET');
  },
);

hostile("the value of a base's known key is repeated only in part", () => {
  const issues = issuesOf('extends: base.yaml\n', `name: ${'SECRET'.repeat(20)}\n`);
  assert.ok(
    issues.every((i) => !i.message.includes('SECRET'.repeat(8))),
    JSON.stringify(issues),
  );
});

hostile.run();
