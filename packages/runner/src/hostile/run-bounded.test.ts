import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runBounded } from './run-bounded.ts';

const bounded = suite('runBounded');
const options = { cwd: tmpdir(), env: process.env };

bounded('returns the exit code and both streams', async () => {
  // node, not a shell: a user's shell start-up (pyenv's rehash lock, say) is not what this test is about.
  const script = "process.stdout.write('out\\n'); process.stderr.write('err\\n'); process.exit(3)";
  const run = await runBounded(process.execPath, ['-e', script], { ...options, timeoutMs: 120_000 });
  assert.equal([run.code, run.stdout, run.stderr, run.timedOut], [3, 'out\n', 'err\n', false]);
});

bounded('past its time limit the whole process group is killed, children included', async () => {
  const run = await runBounded('/bin/sh', ['-c', 'sleep 60 & echo $!; wait'], { ...options, timeoutMs: 300 });
  assert.ok(run.timedOut);
  assert.is(run.signal, 'SIGKILL');
  const child = Number(run.stdout.trim());
  assert.ok(await ends(child), `the background sleep (pid ${child}) was killed too`);
});

/** Whether `pid` is gone or a zombie within 10 s: SIGKILL is delivered asynchronously, so the test waits for it. */
async function ends(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const stat = readFileSafe(`/proc/${pid}/stat`);
    if (stat === undefined || / Z /.test(stat)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

bounded.run();
