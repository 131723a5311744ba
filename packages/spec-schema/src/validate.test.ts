import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpecText } from './load.ts';
import { MAX_LISTED_ISSUES } from './issue-limit.ts';

function issuesOf(text: string): SpecIssue[] {
  try {
    loadSpecText(text, 'exp.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}

const many = suite('validateAgainstSchema :: many problems');

many(`lists the first ${MAX_LISTED_ISSUES} problems and counts the rest`, () => {
  const keys = Array.from({ length: 5000 }, (_, i) => `unknown${i}: ${i}`).join('\n');
  const issues = issuesOf(`name: many\ndata: { dataset: cifar10 }\nmodel: { layers: [{ type: flatten }] }\n${keys}\n`);
  assert.is(issues.length, MAX_LISTED_ISSUES + 1);
  assert.is(issues[0]!.message, 'unknown key "unknown0" at the top level');
  assert.equal(issues.at(-1), {
    path: '',
    source: 'exp.yaml',
    message: `and ${5000 - MAX_LISTED_ISSUES} more problems, not listed`,
    hint: 'fix the ones above and check again',
  });
});

many('a long unknown key is repeated only in part', () => {
  const issues = issuesOf(
    `name: k\ndata: { dataset: cifar10 }\nmodel: { layers: [{ type: flatten }] }\n${'k'.repeat(200)}: 1\n`,
  );
  assert.is(issues[0]!.message, `unknown key "${'k'.repeat(40)}…" at the top level`);
  assert.is(issues[0]!.path, `${'k'.repeat(40)}…`);
});

many.run();
