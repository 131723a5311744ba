// ResizeNearestNeighbor (upSampling2d) and its gradient, NHWC float32.
import { floats, output } from './_util.ts';
import type { NativeKernel } from './_util.ts';

type Attrs = { alignCorners: boolean; halfPixelCenters: boolean; size: [number, number] };

export const resizeNearestNeighbor: NativeKernel = ({ inputs, backend, attrs }) => {
  const images = inputs['images'];
  const xv = floats(backend, images);
  const a = attrs as unknown as Attrs;
  if (!xv || images!.shape.length !== 4 || !(a.size[0] >= 1 && a.size[1] >= 1)) return null;
  const [N, H, W, C] = images!.shape as [number, number, number, number];
  const [OH, OW] = a.size;
  return output(backend, [N, OH, OW, C], (out) =>
    backend.addon.resizeNearest(xv, out, [N, H, W, C, OH, OW], a.alignCorners ? 1 : 0, a.halfPixelCenters ? 1 : 0),
  );
};

export const resizeNearestNeighborGrad: NativeKernel = ({ inputs, backend, attrs }) => {
  const { images, dy } = inputs;
  const dv = floats(backend, dy);
  if (!dv || !images || images.shape.length !== 4 || dy!.shape.length !== 4) return null;
  const [N, H, W, C] = images.shape as [number, number, number, number];
  const [dN, OH, OW, dC] = dy!.shape as [number, number, number, number];
  // Shrinking goes stock: its per-pixel window can miss some of the dy elements a pixel fed, and this scatter would not.
  if (dN !== N || dC !== C || OH < H || OW < W) return null;
  const alignCorners = (attrs as unknown as Attrs).alignCorners ? 1 : 0;
  return output(backend, images.shape, (out) =>
    backend.addon.resizeNearestGrad(dv, out, [N, H, W, C, OH, OW], alignCorners),
  );
};
