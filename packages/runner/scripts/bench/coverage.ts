// `pnpm run bench --coverage`: per kernel, which implementation native and wasm use; per layer type and optimizer,
// which of its training step's kernels native leaves to tfjs's pure-JS code and which tfyaml's wasm kernels serve.
// `--coverage --write` traces the kernels anew (cpu and native backends, tiny models) into
// src/backend/coverage-trace.json.
import { writeFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import { kernelCoverage, readKernelTrace, stepCoverage } from '../../src/backend/coverage.ts';
import { formatKernelTrace, traceKernels, type KernelTrace } from '../../src/backend/coverage-trace.ts';

export async function printCoverage(write: boolean): Promise<void> {
  const trace = write ? await writeTrace() : readKernelTrace();
  const kernels = kernelCoverage(trace);
  const steps = stepCoverage(trace);
  const list = (names: string[], max = 6) =>
    names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length})`;
  printTable(
    ['kernel', 'native', 'wasm', 'used by'],
    kernels.map((k) => [k.kernel, k.native, k.wasm ?? '-', list(k.usedBy)]),
  );
  console.log();
  printTable(
    [
      'layer / optimizer',
      "kernels beyond every step's",
      'native runs instead',
      'native: pure-JS fallback',
      'wasm: tfyaml kernels',
    ],
    steps.map((s) => [
      s.name,
      String(s.kernels.length),
      s.nativeKernels ? list(s.nativeKernels.filter((k) => !s.kernels.includes(k))) : '-',
      list(s.nativeJs, 8) || '-',
      list(s.wasmTfyaml, 8) || '-',
    ]),
  );
  const native = kernels.filter((k) => k.native === 'oneDNN').length;
  const missing = kernels.filter((k) => k.wasm === 'none').map((k) => k.kernel);
  const wasmRun = kernels.filter((k) => k.wasm !== null);
  const traced = Object.keys(trace.layers).length + Object.keys(trace.optimizers).length;
  console.log(`\n${kernels.length} kernels in the traced steps of ${traced} layer types and optimizers.`);
  const views = kernels.filter((k) => k.native === 'view').map((k) => k.kernel);
  const js = kernels.filter((k) => k.native === 'js').map((k) => k.kernel);
  console.log(
    `native: ${native} run oneDNN code (when the call's shapes and dtypes are covered), ${views.length} are views that touch no data (${views.join(', ')}), ${js.length} run tfjs's pure-JS cpu kernel${js.length ? ` (${js.join(', ')})` : ''}.`,
  );
  console.log(
    `wasm: ${wasmRun.filter((k) => k.wasm === 'tfyaml').length} of the ${wasmRun.length} it runs are tfyaml kernels, the rest tfjs's own wasm kernels${missing.length ? `; none for ${missing.join(', ')}` : ''}.`,
  );
}

async function writeTrace(): Promise<KernelTrace> {
  const trace = await traceKernels();
  const file = new URL('../../src/backend/coverage-trace.json', import.meta.url);
  writeFileSync(file, formatKernelTrace(trace));
  console.log(`wrote ${file.pathname}\n`);
  return trace;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
