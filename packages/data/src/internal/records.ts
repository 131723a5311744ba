// Selecting records of a split, whatever it holds (image bytes or table rows), with their labels and ids.
import { isTableSplit, type ImageSplit, type Split, type TableSplit } from '../types.ts';

/** A new split of the records at `indices`, in that order, owning copies of their data. */
export function takeRecords<S extends Split>(split: S, indices: ArrayLike<number>): S {
  const count = indices.length;
  const ids = split.ids === undefined ? undefined : Array.from({ length: count }, (_, i) => split.ids![indices[i]!]!);
  if (isTableSplit(split)) {
    const width = split.count === 0 ? 0 : split.values.length / split.count;
    const values = new Float64Array(count * width);
    const labels = new (split.labels.constructor as Int32ArrayConstructor | Float32ArrayConstructor)(count);
    for (let i = 0; i < count; i++) {
      const from = indices[i]!;
      values.set(split.values.subarray(from * width, (from + 1) * width), i * width);
      labels[i] = split.labels[from]!;
    }
    return withIds({ values, labels, count } satisfies TableSplit, ids) as S;
  }
  const image = split as ImageSplit;
  const size = image.count === 0 ? 0 : image.images.length / image.count;
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const from = indices[i]!;
    images.set(image.images.subarray(from * size, (from + 1) * size), i * size);
    labels[i] = image.labels[from]!;
  }
  return withIds({ images, labels, count } satisfies ImageSplit, ids) as S;
}

/** The first `limit` records (all when undefined or larger). */
export function firstRecords<S extends Split>(split: S, limit: number | undefined): S {
  if (limit === undefined || limit >= split.count) return split;
  return takeRecords(
    split,
    Array.from({ length: Math.max(0, limit) }, (_, i) => i),
  );
}

function withIds<T extends Split>(split: T, ids: string[] | undefined): T {
  if (ids !== undefined) split.ids = ids;
  return split;
}
