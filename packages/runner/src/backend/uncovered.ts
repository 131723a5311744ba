// The run-time side of kernel coverage: on native, a kernel that tfyaml does not replace (or a call its native code
// does not cover) runs tfjs's pure-JS cpu code, and can cost much of a step. One profiled step says which kernels
// did and what share of the step's kernel time they took, once per run, so a slow run never comes unexplained.
import * as tf from '@tensorflow/tfjs-core';

export interface UncoveredKernel {
  kernel: string;
  ms: number;
  share: number;
}

/** Backends whose kernels are checked: those that replace tfjs's own kernels with faster ones. */
const CHECKED = new Set(['native', 'wasm']);

/**
 * Runs `step` under tfjs's kernel profiler and returns its result with the kernels that ran on pure-JS code,
 * slowest first. On other backends, or when kernels ran elsewhere (data-parallel workers), the list is empty.
 */
export async function profileUncovered<T>(
  step: () => Promise<T>,
): Promise<{ result: T; uncovered: UncoveredKernel[] }> {
  const backend = tf.getBackend();
  if (!CHECKED.has(backend)) return { result: await step(), uncovered: [] };
  const isJs = await jsKernelTest(backend);
  let result: T | undefined;
  const profile = await tf.profile(async () => {
    result = await step();
  });
  const times = new Map<string, number>();
  for (const { name, kernelTimeMs } of profile.kernels) {
    // Custom-gradient ops (fusedMatMul__op) are profiled too, wrapping kernels that are counted on their own.
    if (tf.getKernel(name, backend) !== undefined) times.set(name, (times.get(name) ?? 0) + Number(kernelTimeMs));
  }
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const uncovered = [...times]
    .filter(([kernel]) => isJs(kernel))
    .map(([kernel, ms]) => ({ kernel, ms, share: total > 0 ? ms / total : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { result: result as T, uncovered };
}

/**
 * native: a kernel tfyaml does not replace, or one whose stock fallback ran during the step (counted by the
 * native package). wasm: every kernel is wasm code (tfjs has no JS fallback there; a missing one fails the step).
 */
async function jsKernelTest(backend: string): Promise<(kernel: string) => boolean> {
  if (backend !== 'native') return () => false;
  const [{ nativeImplementation }, { kernelCalls }] = await Promise.all([
    import('./coverage.ts'),
    import('@tfyaml/native-kernels'),
  ]);
  const stockBefore = new Map([...kernelCalls].map(([name, calls]) => [name, calls.stock]));
  return (kernel) =>
    nativeImplementation(kernel) === 'js' || (kernelCalls.get(kernel)?.stock ?? 0) > (stockBefore.get(kernel) ?? 0);
}

/** One line for the log, or undefined when nothing ran on JS; kernels under 1% are counted, not named. */
export function describeUncovered(uncovered: UncoveredKernel[], backend: string): string | undefined {
  if (uncovered.length === 0) return undefined;
  const percent = (share: number) => `${(100 * share).toFixed(share < 0.1 ? 1 : 0)}%`;
  const named = uncovered.filter((k) => k.share >= 0.01);
  const rest = uncovered.slice(named.length);
  const total = uncovered.reduce((sum, k) => sum + k.share, 0);
  const parts = [
    ...named.map((k) => `${k.kernel} ${percent(k.share)}`),
    ...(rest.length ? [`${rest.length} more under 1% each (${rest.map((k) => k.kernel).join(', ')})`] : []),
  ];
  return `Kernels on tfjs's pure-JS code on ${backend}, ${percent(total)} of a step's kernel time: ${parts.join(', ')}`;
}

/** Runs one training step profiled and notes the kernels it ran on pure-JS code, if any. */
export async function stepWithKernelNotice(
  step: () => Promise<number[]>,
  note: (line: string) => void,
): Promise<number[]> {
  const { result, uncovered } = await profileUncovered(step);
  const line = describeUncovered(uncovered, tf.getBackend());
  if (line !== undefined) note(line);
  return result;
}
