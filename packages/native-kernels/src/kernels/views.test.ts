// The kernels listed as views run no code over the data on native: their output is the input's buffer.
import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nativeOrSkip } from '../parity.testkit.ts';
import { NATIVE_BACKEND } from '../register.ts';
import { NATIVE_KERNELS, VIEW_KERNELS } from './index.ts';

const native = nativeOrSkip('view kernels');
const views = suite('view kernels');

const ATTRS: Record<string, tf.NamedAttrMap> = { Reshape: { shape: [6, 4] }, Identity: {}, ExpandDims: { dim: 1 } };

views('each returns its input buffer under a new shape, and native replaces none of them', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const x = tf.randomUniform([4, 6]);
  for (const kernel of VIEW_KERNELS) {
    assert.not.ok(NATIVE_KERNELS[kernel], `${kernel} is not replaced`);
    const attrs = ATTRS[kernel];
    assert.ok(attrs, `${kernel} has attributes here`);
    const y = tf.engine().runKernel(kernel, { x, input: x }, attrs) as tf.Tensor;
    assert.is(y.dataId, x.dataId, `${kernel} shares its input's data`);
    assert.equal(Array.from(y.dataSync()), Array.from(x.dataSync()));
    y.dispose();
  }
  x.dispose();
});

views.run();
