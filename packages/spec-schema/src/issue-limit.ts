// More problems than anyone reads are counted, not listed: a spec of 100 k unknown or repeated keys would otherwise
// print 100 k lines (and locating each one in a map that large takes minutes).
import type { SpecIssue } from './errors.ts';

export const MAX_LISTED_ISSUES = 50;

/** The issue that stands for `count` problems left unlisted in `source`; it has no position, so it sorts last. */
export function unlistedIssue(source: string, count: number): SpecIssue {
  return {
    path: '',
    source,
    message: `and ${count} more problems, not listed`,
    hint: 'fix the ones above and check again',
  };
}

/** The first MAX_LISTED_ISSUES issues, and one that counts the rest. */
export function limitIssues(issues: SpecIssue[], source: string): SpecIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  return [...issues.slice(0, MAX_LISTED_ISSUES), unlistedIssue(source, issues.length - MAX_LISTED_ISSUES)];
}
