// The hostile-input corpus (issue #14): every folder under test-fixtures/hostile/ with a case.json is run through
// the real CLI in a sandbox. See test-fixtures/hostile/README.md for the case format.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CASE_CLASSES, readCases } from './case-file.ts';
import { runPooled } from './pool.ts';
import { FIXTURES, runCase, type CaseOutcome } from './run-case.ts';

const all = readCases(FIXTURES);
// HOSTILE_CASES=<name>,<name> runs only those cases; the class coverage test still counts them all.
const only = process.env['HOSTILE_CASES']?.split(',');
const cases = only ? all.filter((hostile) => only.includes(hostile.name)) : all;
const cache = mkdtempSync(join(tmpdir(), 'tfyaml-hostile-cache-'));
// Each CLI process mostly keeps one core busy: machines with cores to spare run cases side by side (2 cores: one).
const parallel = Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
let outcomes: Promise<CaseOutcome>[] = [];
const corpus = suite('hostile corpus');

// Started here, not at import, so the cases never run alongside the package's other test files.
corpus.before(() => {
  outcomes = runPooled(cases, parallel, (hostile) => runCase(hostile, cache));
});
corpus.after(async () => {
  await Promise.allSettled(outcomes);
  rmSync(cache, { recursive: true, force: true });
});

for (const [i, hostile] of cases.entries()) {
  corpus(`${hostile.class} :: ${hostile.name}: ${hostile.description}`, async () => {
    const run = await outcomes[i]!;
    const output = `\n--- stderr ---\n${run.stderr}\n--- stdout ---\n${run.stdout}`;
    assert.ok(!run.timedOut, `still running after ${hostile.timeoutMs} ms; killed${output}`);
    assert.is(run.code, hostile.exitCode, `exit ${run.code ?? run.signal}, expected ${hostile.exitCode}${output}`);
    for (const pattern of hostile.stderr) assert.match(run.stderr, pattern, `stderr lacks ${pattern}${output}`);
    for (const pattern of hostile.stdout) assert.match(run.stdout, pattern, `stdout lacks ${pattern}${output}`);
    for (const stream of [run.stderr, run.stdout]) {
      assert.not.match(stream, /\n\s+at /, `a stack trace was printed${output}`);
      assert.not.match(stream, /This is a bug/, `reported as an internal error${output}`);
    }
    assert.equal(run.outside, [], `the sandbox outside work/ changed: ${run.outside.join(', ')}`);
    assert.ok(run.peakRssMb !== undefined, 'the CLI did not report its peak memory (killed by a signal?)');
    assert.ok(run.peakRssMb! <= hostile.maxRssMb, `peak RSS ${Math.round(run.peakRssMb!)} MB > ${hostile.maxRssMb} MB`);
  });
}

corpus('every class of hostile input has at least one case', () => {
  const missing = CASE_CLASSES.filter((kind) => !all.some((hostile) => hostile.class === kind));
  assert.equal(missing, [], `no case for: ${missing.join(', ')}`);
});

corpus.run();
