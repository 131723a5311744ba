// method: grid: every valid combination of the parameters' values, the last parameter varying fastest (like
// itertools.product), so trial n is always the same combination and a resumed grid picks up where it stopped. In a
// conditional space a parameter whose conditions do not hold is left out, not enumerated: `optimizer: sgd` with two
// momentum values and `adam` with three beta1 values is 5 combinations, not 2 × 2 × 3.
import {
  gridSize,
  isActive,
  isConditional,
  orderedSpace,
  type SpaceParameter,
  type SweepParameter,
} from '@tfyaml/spec-schema';
import { qSteps, type Params } from './space.ts';

export function gridValues(p: SweepParameter): unknown[] {
  switch (p.distribution) {
    case 'categorical':
      return p.values;
    case 'int_uniform':
      return Array.from({ length: p.max - p.min + 1 }, (_, i) => p.min + i);
    case 'q_uniform':
      return Array.from({ length: qSteps(p) }, (_, i) => Number((p.min + i * p.q).toPrecision(12)));
    default:
      throw new Error(`gridValues: ${p.distribution} is not enumerable (the spec rules refuse it)`);
  }
}

/** The combination of 0-based index `i`. */
export function gridPoint(parameters: Record<string, SweepParameter>, i: number): Params {
  const space = orderedSpace(parameters);
  if (isConditional(space)) return nth(combinations(space), i)!;
  const entries = space.map((p) => [p.path, gridValues(p.parameter)] as const);
  const point: Params = {};
  let rest = i;
  for (let k = entries.length - 1; k >= 0; k--) {
    const [path, values] = entries[k]!;
    point[path] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return Object.fromEntries(entries.map(([path]) => [path, point[path]]));
}

/** How many combinations there are, counted no further than `limit`. */
export function gridCount(parameters: Record<string, SweepParameter>, limit = Infinity): number {
  const space = orderedSpace(parameters);
  if (!isConditional(space))
    return Math.min(
      limit,
      space.reduce((n, p) => n * gridSize(p.parameter)!, 1),
    );
  let count = 0;
  for (const _ of combinations(space)) if (++count >= limit) break;
  return count;
}

/** Whether every parameter takes finitely many values, so a sweep can run out of new configurations. */
export function isDiscrete(parameters: Record<string, SweepParameter>): boolean {
  return orderedSpace(parameters).every((p) => gridSize(p.parameter) !== undefined);
}

/** Every valid combination, in grid order: depth first over the ordered space. */
export function* combinations(space: readonly SpaceParameter[], k = 0, point: Params = {}): Generator<Params> {
  if (k === space.length) return yield { ...point };
  const p = space[k]!;
  if (!isActive(p, point)) return yield* combinations(space, k + 1, point);
  for (const value of gridValues(p.parameter)) {
    point[p.path] = value;
    yield* combinations(space, k + 1, point);
  }
  delete point[p.path];
}

function nth<T>(items: Iterable<T>, i: number): T | undefined {
  let k = 0;
  for (const item of items) if (k++ === i) return item;
  return undefined;
}
