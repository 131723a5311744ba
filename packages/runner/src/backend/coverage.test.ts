import { readFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LAYER_TYPES, OPTIMIZER_NAMES } from '@tfyaml/spec-schema';
import { kernelCoverage, nativeImplementation, readKernelTrace, stepCoverage, wasmImplementation } from './coverage.ts';
import { formatKernelTrace, traceKernels } from './coverage-trace.ts';

const trace = suite('coverage-trace.json');

trace(
  'is what tracing every layer type and optimizer gives now (else: pnpm run bench --coverage --write)',
  async () => {
    const committed = readFileSync(new URL('./coverage-trace.json', import.meta.url), 'utf8');
    const fresh = await traceKernels();
    // Where native cannot load, only the rows traced on cpu can be checked.
    const { native: _native, ...stock } = readKernelTrace();
    assert.fixture(formatKernelTrace(fresh), fresh.native ? committed : formatKernelTrace(stock));
  },
);

trace('has a row for every layer type and optimizer of the language', () => {
  const { layers, optimizers } = readKernelTrace();
  assert.equal(Object.keys(layers), [...LAYER_TYPES]);
  assert.equal(Object.keys(optimizers), [...OPTIMIZER_NAMES]);
});

trace.run();

const coverage = suite('coverage');

coverage('wasm serves every kernel a traced step runs (tfjs has no fallback there: a missing one fails)', () => {
  assert.equal(
    stepCoverage(readKernelTrace()).flatMap((row) => row.wasmNone),
    [],
  );
});

coverage('native runs no pure-JS kernel on any traced step (views aside: they touch no data)', () => {
  assert.equal(
    stepCoverage(readKernelTrace()).flatMap((row) => row.nativeJs),
    [],
  );
  assert.is(nativeImplementation('Reshape'), 'view');
  assert.is(nativeImplementation('Conv2D'), 'oneDNN');
  assert.is(nativeImplementation('NoSuchKernel'), 'js');
});

coverage("tfyaml's wasm kernels are looked up before the stock ones they replace", () => {
  assert.is(wasmImplementation('Conv2DBackpropFilter'), 'tfyaml');
  assert.is(wasmImplementation('Conv2D'), 'tfjs-wasm');
  assert.is(wasmImplementation('NoSuchKernel'), 'none');
});

coverage('every traced kernel has one row, naming the layer types and optimizers that run it', () => {
  const kernels = kernelCoverage(readKernelTrace());
  assert.equal(
    kernels.map((k) => k.kernel),
    [...new Set(kernels.map((k) => k.kernel))],
  );
  assert.ok(kernels.find((k) => k.kernel === 'UnsortedSegmentSum')?.usedBy.includes('embedding'));
});

coverage.run();
