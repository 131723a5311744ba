import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_COVERAGE } from './index.ts';
import { WASM_KERNELS } from './kernels/index.ts';
import { registerWasmTrainingKernels } from './register.ts';
import { compareWithCpu, init, randomTensor, readable, rng, TOL } from './parity.testkit.ts';

const test = suite('registerWasmTrainingKernels');
test.before(init);
test.after(() => registerWasmTrainingKernels()); // leave the defaults for the suites that follow

/** One conv2d gradient (both backprop kernels), a maxPool gradient and a transposed matmul, vs cpu. */
async function allMatchCpu(): Promise<void> {
  const r = rng(1400);
  const x = randomTensor(r, [2, 8, 7, 3]);
  const w = randomTensor(r, [3, 2, 3, 4]);
  const dy = randomTensor(r, [2, 4, 4, 4]);
  const conv = { strides: 2, pad: 'same', dataFormat: 'NHWC' } as const;
  // Sequential: compareWithCpu switches backends.
  const checks = [
    () => compareWithCpu(tf.Conv2DBackpropFilter, { x, dy }, { ...conv, filterShape: [3, 2, 3, 4] }),
    () => compareWithCpu(tf.Conv2DBackpropInput, { dy, filter: w }, { ...conv, inputShape: [2, 8, 7, 3] }),
    () =>
      compareWithCpu(
        tf.BatchMatMul,
        { a: randomTensor(r, [5, 3]), b: randomTensor(r, [4, 5]) },
        { transposeA: true, transposeB: true },
      ),
  ];
  for (const check of checks) {
    const { err } = await check();
    assert.ok(err < TOL, `rel err ${err}`);
  }
}

test(
  'every KERNEL_COVERAGE kernel is registered for wasm as our kernel',
  readable(async () => {
    registerWasmTrainingKernels();
    assert.ok(KERNEL_COVERAGE.length > 0);
    for (const { kernel } of KERNEL_COVERAGE) {
      const ours = WASM_KERNELS.find((k) => k.kernel === kernel);
      assert.ok(ours, `${kernel} is not in the table registerWasmTrainingKernels iterates`);
      assert.is(tf.getKernel(kernel, 'wasm')?.kernelFunc, ours.run as unknown, kernel);
    }
  }),
);

test(
  'registering twice, after backend init, is idempotent',
  readable(async () => {
    registerWasmTrainingKernels();
    const first = KERNEL_COVERAGE.map(({ kernel }) => tf.getKernel(kernel, 'wasm')!.kernelFunc);
    registerWasmTrainingKernels();
    const second = KERNEL_COVERAGE.map(({ kernel }) => tf.getKernel(kernel, 'wasm')!.kernelFunc);
    assert.equal(second, first);
    await allMatchCpu();
  }),
);

test(
  'options off restore the stock kernels, on again swaps back',
  readable(async () => {
    const fast = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!.kernelFunc;
    registerWasmTrainingKernels({ fastBackpropInput: false, fastMatMul: false });
    assert.is.not(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!.kernelFunc, fast);
    await allMatchCpu();
    registerWasmTrainingKernels({ fastBackpropInput: false, fastMatMul: false });
    await allMatchCpu();
    registerWasmTrainingKernels();
    assert.is(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!.kernelFunc, fast);
    await allMatchCpu();
  }),
);

// The setupFunc gotcha: a replaced stock kernel's cwrap binding is made only for kernels registered when
// the backend initialises. Recreate the wasm backend with our kernels already registered (both with the
// stock Conv2DBackpropInput/BatchMatMul swapped out and restored) and check the delegations still work.
test(
  'registered before a (fresh) wasm backend initialises',
  readable(async () => {
    const factory = tf.findBackendFactory('wasm');
    for (const options of [{}, { fastBackpropInput: false, fastMatMul: false }]) {
      await tf.setBackend('cpu');
      tf.removeBackend('wasm');
      tf.registerBackend('wasm', factory, 2);
      registerWasmTrainingKernels(options);
      await allMatchCpu();
    }
  }),
);

test.run();
