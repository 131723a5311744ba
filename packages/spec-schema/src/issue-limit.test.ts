import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { limitIssues, MAX_LISTED_ISSUES } from './issue-limit.ts';
import { loadSpecText } from './load.ts';

const limit = suite('limitIssues');

limit('keeps a short list as it is', () => {
  const issues = [{ path: 'a', source: 'exp.yaml', message: 'm' }];
  assert.is(limitIssues(issues, 'exp.yaml'), issues);
});

limit(`a file with 1000 repeated keys lists ${MAX_LISTED_ISSUES} and counts the rest`, () => {
  const text = `name: dup\n${'k: 1\n'.repeat(1001)}`;
  let issues: SpecIssue[] = [];
  try {
    loadSpecText(text, 'exp.yaml');
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    issues = error.issues;
  }
  assert.is(issues.length, MAX_LISTED_ISSUES + 1);
  assert.equal([issues[0]!.line, issues[0]!.message], [3, 'Map keys must be unique']);
  assert.is(issues.at(-1)!.message, `and ${1000 - MAX_LISTED_ISSUES} more problems, not listed`);
});

limit.run();
