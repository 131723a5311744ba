/**
 * A small seeded PRNG (sfc32, state spread from the seed by splitmix32) returning floats in [0, 1).
 * Same seed, same sequence, on every platform: only 32-bit integer arithmetic is used.
 */
export function createRng(seed: number): () => number {
  const next = splitmix32(seed);
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** Combines a seed with a salt (an epoch, a split index) into a new, well-spread seed. */
export function deriveSeed(seed: number, salt: number): number {
  const next = splitmix32((Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(salt | 0, 0x85ebca6b)) >>> 0);
  return next();
}

/** 0..n-1 in a random order (Fisher–Yates). */
export function permutation(n: number, rng: () => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

function splitmix32(seed: number): () => number {
  // Fold the high bits in too, so large seeds (timestamps) that differ only above bit 32 still differ.
  let state = ((seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9)) | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
