// The invalid-experiment corpus: every `test-fixtures/invalid/*.yaml` holds one deliberate mistake (a few hold two) and
// says in its header comment what `loadSpec` must report, one `# expect:` line per issue, in the order reported:
//
//   # expect: 7:15 model.layers[0].type: unknown layer type "conv2D"
//   # expect-hint: did you mean "conv2d"?
//
// `line:column` is the issue's position in that file (the header lines included); `other.yaml:line:column` when the
// issue lies in another file (relative to the corpus file, e.g. a base it extends). The issue path follows (left out
// when the issue has none, as for YAML syntax errors, like `formatIssue` does), then a substring of the message.
// `# expect-hint:` is a substring of the preceding issue's hint. `bases/` holds files the corpus extends; it is not
// part of the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpec } from './load.ts';

const CORPUS = fileURLToPath(new URL('../test-fixtures/invalid/', import.meta.url));
const MINIMUM_FILES = 45;

interface Expectation {
  source: string;
  line: number;
  column: number;
  path: string;
  message: string;
  hint?: string;
}

const EXPECT = /^# expect: (?:(\S+):)?(\d+):(\d+) (?:([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*): )?(.+)$/;
const EXPECT_HINT = /^# expect-hint: (.+)$/;

/** The `# expect:` lines of the file's leading comment block. */
function expectationsOf(file: string): Expectation[] {
  const expectations: Expectation[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('#')) break;
    const hint = EXPECT_HINT.exec(line);
    if (hint) {
      const last = expectations.at(-1);
      if (!last || last.hint !== undefined)
        throw new Error(`${file}: "# expect-hint:" must follow a "# expect:" line: ${line}`);
      last.hint = hint[1]!;
      continue;
    }
    if (!line.startsWith('# expect')) continue;
    const match = EXPECT.exec(line);
    if (!match) throw new Error(`${file}: malformed expectation: ${line}`);
    const [, other, row, column, path, message] = match;
    expectations.push({
      source: other === undefined ? file : resolve(dirname(file), other),
      line: Number(row),
      column: Number(column),
      path: path ?? '',
      message: message!,
    });
  }
  return expectations;
}

function issuesOf(file: string): SpecIssue[] {
  try {
    loadSpec(file);
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  assert.unreachable(`${file} loaded without errors; expected a SpecError`);
  return [];
}

const show = (issues: readonly SpecIssue[]) =>
  issues.map((i) => `  ${i.line}:${i.column} ${i.path}: ${i.message} (hint: ${i.hint ?? '-'})`).join('\n');

const files = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
  .map((entry) => entry.name)
  .sort();

const corpus = suite('spec corpus :: invalid experiments');

corpus(`the corpus has at least ${MINIMUM_FILES} files`, () => {
  assert.ok(files.length >= MINIMUM_FILES, `${files.length} files in ${CORPUS}`);
});

for (const name of files) {
  corpus(name, () => {
    const file = join(CORPUS, name);
    const expected = expectationsOf(file);
    assert.ok(expected.length > 0, `${name} has no "# expect:" line in its header`);
    const issues = issuesOf(file);
    assert.is(
      issues.length,
      expected.length,
      `${name}: ${issues.length} issues, ${expected.length} expected:\n${show(issues)}`,
    );
    expected.forEach((want, i) => {
      const got = issues[i]!;
      const context = `${name}, issue ${i + 1}:\n${show([got])}`;
      assert.equal(
        [got.source, got.line, got.column, got.path],
        [want.source, want.line, want.column, want.path],
        context,
      );
      assert.ok(got.message.includes(want.message), `${context}\nmessage should contain: ${want.message}`);
      if (want.hint !== undefined)
        assert.ok(got.hint?.includes(want.hint), `${context}\nhint should contain: ${want.hint}`);
    });
  });
}

corpus.run();
