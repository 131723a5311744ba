// method: grid: every combination of the parameters' values, the last parameter varying fastest (like
// itertools.product), so trial n is always the same combination and a resumed grid picks up where it stopped.
import { gridSize, type SweepParameter } from '@tfyaml/spec-schema';
import { qSteps, type Params } from './space.ts';

export function gridValues(p: SweepParameter): unknown[] {
  switch (p.distribution) {
    case 'categorical': return p.values;
    case 'int_uniform': return Array.from({ length: p.max - p.min + 1 }, (_, i) => p.min + i);
    case 'q_uniform': return Array.from({ length: qSteps(p) }, (_, i) => Number((p.min + i * p.q).toPrecision(12)));
    default: throw new Error(`gridValues: ${p.distribution} is not enumerable (the spec rules refuse it)`);
  }
}

/** The combination of 0-based index `i`. */
export function gridPoint(parameters: Record<string, SweepParameter>, i: number): Params {
  const entries = Object.entries(parameters).map(([path, p]) => [path, gridValues(p)] as const);
  const point: Params = {};
  let rest = i;
  for (let k = entries.length - 1; k >= 0; k--) {
    const [path, values] = entries[k]!;
    point[path] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return Object.fromEntries(entries.map(([path]) => [path, point[path]]));
}

export function gridCount(parameters: Record<string, SweepParameter>): number {
  return Object.values(parameters).reduce((n, p) => n * gridSize(p)!, 1);
}
