// FusedBatchNorm (tfjs' batchNorm op, which tfjs-layers' batchNormalization and layerNormalization run), with mean,
// variance, scale and offset of any length: element i reads element i mod length, as the stock kernel does.
import { floats, output } from './_util.ts';
import type { NativeKernel } from './_util.ts';

export const fusedBatchNorm: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const xv = floats(backend, x);
  if (!xv || x!.shape.length < 1) return null;
  const channels = x!.shape.at(-1)!;
  const param = (name: string): Float32Array | null | undefined => {
    const t = inputs[name];
    if (t == null) return null;
    return floats(backend, t);
  };
  const mean = param('mean'),
    variance = param('variance'),
    scale = param('scale'),
    offset = param('offset');
  if (!mean || !variance || scale === undefined || offset === undefined) return null;
  const epsilon = (attrs as { varianceEpsilon?: number }).varianceEpsilon ?? 0.001;
  return output(backend, x!.shape, (out) =>
    backend.addon.batchNorm(xv, mean, variance, scale, offset, out, channels, epsilon),
  );
};
