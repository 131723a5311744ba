// The tfjs cpu-backend internals the native backend relies on, checked by behaviour: registerNativeBackend()
// refuses to run when any of them changed (the backend would then be unsafe, not just slow), and
// internals.test.ts fails loudly with the same list.
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { NativeBackend } from './backend.ts';
import type { NativeAddon } from './addon.ts';
import { BufferPool } from './pool.ts';

/** The tfjs version this package was written and tested against (pnpm-workspace.yaml's catalog pins it). */
export const PINNED_TFJS = '4.22.0';

/** What no longer holds, as sentences; empty when everything the backend relies on is as expected. */
export function cpuInternalsProblems(): string[] {
  const problems: string[] = [];
  if (version_cpu !== PINNED_TFJS) {
    problems.push(
      `@tensorflow/tfjs-backend-cpu is ${version_cpu}; the native backend was checked against ${PINNED_TFJS}`,
    );
  }
  const pool = new BufferPool(1 << 20);
  const backend = new NativeBackend(null as unknown as NativeAddon, pool);
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  const values = pool.alloc(4);
  const info = backend.makeTensorInfo([4], 'float32', values);
  check(backend.data.get(info.dataId).values === values, 'makeTensorInfo no longer stores the given array itself');
  backend.incRef(info.dataId);
  backend.disposeData(info.dataId);
  check(backend.data.has(info.dataId), 'disposeData no longer keeps data with a remaining reference');
  backend.disposeData(info.dataId);
  check(!backend.data.has(info.dataId), 'disposeData no longer deletes data through data.delete');
  check(pool.alloc(4) === values, 'deleting data no longer goes through DataStorage.delete (nothing is recycled)');

  const exposed = pool.alloc(8);
  const read = backend.makeTensorInfo([8], 'float32', exposed);
  check(backend.readSync(read.dataId) === exposed, 'readSync no longer returns the stored float32 array itself');
  backend.disposeData(read.dataId);
  check(pool.alloc(8) !== exposed, 'readSync no longer goes through the overridable readSync method');

  backend.dispose();
  return problems;
}
