// The search space: a sweep's parameters, drawn from one at a time. Draws are rounded to 6 significant digits, so
// trials.csv, the trial's spec.yaml and its --set overrides show the value the trial really used. Only active
// parameters are drawn (their conditions hold); an inactive one is absent from the trial's parameters.
import { createRng } from '@tfyaml/data';
import {
  gridSize,
  isActive,
  isSweepVariable,
  orderedSpace,
  type QUniformParameter,
  type SweepParameter,
} from '@tfyaml/spec-schema';

/** Spec path (or sweep variable) → the value a trial sets there; inactive parameters are absent. */
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
    case 'categorical':
      return p.values[pickIndex(p.probabilities ?? p.values.map(() => 1 / p.values.length), rng())];
    case 'uniform':
      return round6(p.min + rng() * (p.max - p.min));
    case 'log_uniform':
      return round6(Math.exp(Math.log(p.min) + rng() * (Math.log(p.max) - Math.log(p.min))));
    case 'int_uniform':
      return p.min + Math.floor(rng() * (p.max - p.min + 1));
    case 'q_uniform':
      return tidy(p.min + p.q * Math.floor(rng() * qSteps(p)));
    case 'normal':
      return round6(p.mu + p.sigma * standardNormal(rng));
  }
}

/** One draw of every active parameter, parents before the parameters their values switch on. */
export function sampleSpace(parameters: Record<string, SweepParameter>, rng: Rng): Params {
  const params: Params = {};
  for (const p of orderedSpace(parameters)) if (isActive(p, params)) params[p.path] = sampleParameter(p.parameter, rng);
  return params;
}

/** The same configuration whatever order its parameters were drawn in. */
export function configurationKey(params: Params): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((path) => [path, params[path]]),
  );
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

/** `--set` arguments for a trial: values as JSON, which YAML reads back as the same value. Sweep variables only steer
 * conditions; they set nothing. */
export function toOverrides(params: Params): string[] {
  return Object.entries(params)
    .filter(([path]) => !isSweepVariable(path))
    .map(([path, value]) => `${path}=${JSON.stringify(value)}`);
}
