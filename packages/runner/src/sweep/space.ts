// The search space: a sweep's parameters, drawn from one at a time. Draws are rounded to 6 significant digits, so
// trials.csv, the trial's spec.yaml and its --set overrides show the value the trial really used.
import { createRng } from '@tfyaml/data';
import { gridSize, type QUniformParameter, type SweepParameter } from '@tfyaml/spec-schema';

/** Spec path → the value a trial sets there. */
export type Params = Record<string, unknown>;
export type Rng = () => number;

/** The random stream for one trial: a function of the sweep's seed and the trial number only, so a resumed sweep
 * draws the same values again. */
export function trialRng(seed: number, trial: number): Rng {
  return createRng((Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(trial, 0x85ebca6b)) >>> 0);
}

export const round6 = (value: number): number => Number(value.toPrecision(6));

/** Removes float noise from sums like 0.1 + 0.2 without changing the value meant. */
const tidy = (value: number): number => Number(value.toPrecision(12));

export function sampleParameter(p: SweepParameter, rng: Rng): unknown {
  switch (p.distribution) {
    case 'categorical': return p.values[pickIndex(p.probabilities ?? p.values.map(() => 1 / p.values.length), rng())];
    case 'uniform': return round6(p.min + rng() * (p.max - p.min));
    case 'log_uniform': return round6(Math.exp(Math.log(p.min) + rng() * (Math.log(p.max) - Math.log(p.min))));
    case 'int_uniform': return p.min + Math.floor(rng() * (p.max - p.min + 1));
    case 'q_uniform': return tidy(p.min + p.q * Math.floor(rng() * qSteps(p)));
    case 'normal': return round6(p.mu + p.sigma * standardNormal(rng));
  }
}

export function sampleSpace(parameters: Record<string, SweepParameter>, rng: Rng): Params {
  return Object.fromEntries(Object.entries(parameters).map(([path, p]) => [path, sampleParameter(p, rng)]));
}

/** How many of min, min + q, … fit up to max. */
export const qSteps = (p: QUniformParameter): number => gridSize(p)!;

/** The index whose cumulative weight first exceeds u·total. */
export function pickIndex(weights: readonly number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    if (u * total < acc) return i;
  }
  return weights.length - 1;
}

/** Box–Muller; 1 - u keeps the logarithm's argument above 0. */
export function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** `--set` arguments for a trial: values as JSON, which YAML reads back as the same value. */
export function toOverrides(params: Params): string[] {
  return Object.entries(params).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
}
