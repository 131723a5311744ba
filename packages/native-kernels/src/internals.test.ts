// Fails loudly when the tfjs cpu-backend internals the native backend relies on change (a tfjs upgrade).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpuInternalsProblems, PINNED_TFJS } from './internals.ts';

const internals = suite('tfjs cpu-backend internals :: still what the native backend relies on');

const WHAT_TO_DO = `\n\nThe native backend's buffer recycling (src/backend.ts, src/pool.ts) and Float32Array checks
(src/kernels/_util.ts) depend on these. Re-check them against the new tfjs, then update PINNED_TFJS (src/internals.ts).`;

internals('DataStorage routing, readSync identity and disposal behave as in the pinned version', () => {
  const problems = cpuInternalsProblems();
  assert.equal(problems, [], `tfjs cpu-backend internals changed:\n- ${problems.join('\n- ')}${WHAT_TO_DO}`);
});

internals('the catalog pins tfjs to the version the internals were checked against', () => {
  const workspace = readFileSync(new URL('../../../pnpm-workspace.yaml', import.meta.url), 'utf8');
  for (const name of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu']) {
    const pinned = new RegExp(`"${name}":\\s*(\\S+)`).exec(workspace)?.[1];
    assert.is(pinned, PINNED_TFJS, `${name} is pinned to ${pinned} in pnpm-workspace.yaml${WHAT_TO_DO}`);
    const installed = createRequire(import.meta.url)(`${name}/package.json`) as { version: string };
    assert.is(installed.version, PINNED_TFJS, `${name} ${installed.version} is installed${WHAT_TO_DO}`);
  }
});

internals.run();
