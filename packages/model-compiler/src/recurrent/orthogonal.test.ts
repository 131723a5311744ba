import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registerChainedOps } from '../chained-ops.ts';
import { layerConfig } from '../layer-args.ts';
import { orthonormalColumns, registerFastOrthogonal } from './orthogonal.ts';

registerChainedOps(); // tfjs's own Orthogonal calls chained ops
const orthogonal = suite('fast orthogonal initializer');

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((max, x, i) => Math.max(max, Math.abs(x - b[i]!)), 0);

orthogonal("gives tfjs's matrix for the same seed: tall, wide, square and convolution-shaped", async () => {
  await tf.setBackend('cpu');
  const stock = tfl.initializers.orthogonal({ seed: 7, gain: 1.5 });
  const Fast = registerFastOrthogonal();
  const fast = new Fast({ seed: 7, gain: 1.5 });
  for (const shape of [
    [8, 32],
    [32, 8],
    [12, 12],
    [3, 3, 2, 5],
    [1, 6],
  ]) {
    const [expected, got] = [stock.apply(shape), fast.apply(shape)];
    assert.equal(got.shape, shape);
    assert.ok(maxDifference(expected.dataSync(), got.dataSync()) < 1e-4, `shape [${shape}]`);
    tf.dispose([expected, got]);
  }
});

orthogonal('has orthonormal columns, and zero columns where R has a zero diagonal, as tfjs', () => {
  const [m, n] = [40, 9];
  const a = Float64Array.from(
    { length: m * n },
    (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453) - 0.5,
  );
  const q = orthonormalColumns(a.slice(), m, n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += q[i * n + j]! * q[i * n + k]!;
      assert.ok(Math.abs(dot - (j === k ? 1 : 0)) < 1e-12, `column ${j}·${k}`);
    }
  }
  const zero = orthonormalColumns(new Float64Array(4 * 2), 4, 2);
  assert.equal(Array.from(zero), new Array(8).fill(0));
});

orthogonal("is what recurrent layers' default 'orthogonal' and saved models resolve to", () => {
  const Fast = registerFastOrthogonal();
  const layer = tfl.layers.lstm({ units: 3 }) as unknown as { cell: { recurrentInitializer: unknown } };
  assert.instance(layer.cell.recurrentInitializer, Fast);
  assert.is((new Fast({}) as unknown as { getClassName(): string }).getClassName(), 'Orthogonal');
});

orthogonal('is what an `{type: orthogonal}` initializer in a spec builds', () => {
  const config = layerConfig({ type: 'dense', units: 2, kernelInitializer: { type: 'orthogonal', gain: 2 } }, 0);
  assert.instance(config['kernelInitializer'], registerFastOrthogonal());
  assert.is((config['kernelInitializer'] as unknown as { gain: number }).gain, 2);
});

orthogonal.run();
