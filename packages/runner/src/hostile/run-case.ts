import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostileCaseError, type HostileCase } from './case-file.ts';
import { runBounded, type BoundedRun } from './run-bounded.ts';
import { changes, createSandbox, snapshot } from './sandbox.ts';

const BIN = fileURLToPath(new URL('../../bin/tfyaml.js', import.meta.url));
const PEAK_RSS = fileURLToPath(new URL('./peak-rss.mjs', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../test-fixtures/hostile', import.meta.url));
const SETUP_TIMEOUT_MS = 180_000;

export interface CaseOutcome extends BoundedRun {
  /** Entries created, changed or removed in the sandbox outside `work/` by the CLI. */
  outside: string[];
  /** The CLI process' peak resident memory; undefined when it died before it could say (killed). */
  peakRssMb: number | undefined;
}

/**
 * Runs one case: copies its folder to `<tmp>/sandbox/work`, runs its setup there, then the CLI with a hard kill at
 * the case's time limit. `cache` is shared by the cases of one corpus run (the trained tiny run folder lives there).
 */
export async function runCase(hostile: HostileCase, cache: string): Promise<CaseOutcome> {
  const sandbox = createSandbox(hostile.dir);
  try {
    // A clean environment: the user's HOME, cache and data folder must neither help nor be touched.
    const { TFYAML_DATA_DIR: _data, XDG_CACHE_HOME: _cache, ...inherited } = process.env;
    const env = { ...inherited, CI: '1', HOME: sandbox.home };
    if (hostile.setup !== undefined)
      await runSetup(hostile.setup, sandbox.work, {
        ...env,
        TFYAML: `${process.execPath} ${BIN}`,
        HOSTILE_FIXTURES: FIXTURES,
        HOSTILE_CACHE: cache,
      });
    const before = snapshot(sandbox.root, sandbox.work);
    const rssFile = join(sandbox.outer, 'peak-rss-kb');
    const run = await runBounded(process.execPath, ['--import', PEAK_RSS, BIN, ...hostile.args], {
      cwd: sandbox.work,
      env: { ...env, TFYAML_PEAK_RSS_FILE: rssFile },
      timeoutMs: hostile.timeoutMs,
    });
    const outside = changes(before, snapshot(sandbox.root, sandbox.work));
    const peakRssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : undefined;
    return { ...run, outside, peakRssMb };
  } finally {
    rmSync(sandbox.outer, { recursive: true, force: true });
  }
}

async function runSetup(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const setup = await runBounded('bash', ['-c', command], { cwd, env, timeoutMs: SETUP_TIMEOUT_MS });
  if (setup.code === 0) return;
  const how = setup.timedOut ? `timed out after ${SETUP_TIMEOUT_MS} ms` : `exit ${setup.code ?? setup.signal}`;
  throw new HostileCaseError(`setup failed (${how}): ${command}\n${setup.stderr}${setup.stdout}`);
}
