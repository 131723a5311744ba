// method: tpe, the Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio & Kégl, 2011, "Algorithms for
// Hyper-Parameter Optimization"), as hyperopt and Optuna implement it: the finished trials are split at a quantile
// into good and bad, each parameter gets a Parzen (kernel density) estimator l(x) over the good values and g(x)
// over the bad ones, and the next value is, of 24 draws from l, the one with the largest l(x) / g(x). Parameters
// are modelled independently; log_uniform ones in log space; integers and q steps are snapped after drawing.
// Conditional spaces as Optuna's group decomposition treats them: a parameter is drawn only where its conditions hold,
// and its l(x) and g(x) are fit only on the trials where it was active.
import { isActive, orderedSpace, type SweepParameter } from '@tfyaml/spec-schema';
import { pickIndex, round6, sampleSpace, standardNormal, type Params, type Rng } from './space.ts';

/** A finished trial as TPE sees it: lower `loss` is better; `tier` ranks before loss (0 completed, 1 pruned, 2 failed
 * or diverged), so a trial stopped early never counts as better than one that ran to the end. */
export interface Observation {
  params: Params;
  loss: number;
  tier: 0 | 1 | 2;
}

/** Share of trials in the good group (hyperopt's default 0.25), capped like Optuna's at 25 trials. */
const GAMMA = 0.25;
const MAX_GOOD = 25;
const CANDIDATES = 24;
/** Bandwidths never shrink below the prior's / min(100, n + 1) (hyperopt's adaptive Parzen estimator). */
const MAX_SHRINK = 100;

/** Random draws before TPE takes over: enough to split into two groups, at most 10 (Optuna's default). */
export function startupTrials(budget: number): number {
  return Math.max(2, Math.min(10, Math.round(budget / 5)));
}

export function suggestTpe(
  parameters: Record<string, SweepParameter>,
  history: readonly Observation[],
  rng: Rng,
): Params {
  if (history.length < 2) return sampleSpace(parameters, rng);
  const ranked = [...history].sort((a, b) => a.tier - b.tier || a.loss - b.loss);
  const goodCount = Math.min(MAX_GOOD, Math.max(1, Math.ceil(GAMMA * ranked.length)));
  const good = ranked.slice(0, goodCount);
  const bad = ranked.slice(goodCount);
  const activeValues = (group: readonly Observation[], path: string) =>
    group.filter((o) => path in o.params).map((o) => o.params[path]);
  const params: Params = {};
  for (const p of orderedSpace(parameters)) {
    if (!isActive(p, params)) continue;
    const l = estimator(p.parameter, activeValues(good, p.path));
    const g = estimator(p.parameter, activeValues(bad, p.path));
    let best: { value: unknown; score: number } | undefined;
    for (let i = 0; i < CANDIDATES; i++) {
      const value = l.sample(rng);
      const score = l.logDensity(value) - g.logDensity(value);
      if (!best || score > best.score) best = { value, score };
    }
    params[p.path] = best!.value;
  }
  return params;
}

/**
 * The finished trials plus the running ones, each of those counted as the worst completed result so far ("constant
 * liar", Ginsbourger et al. 2010), so trials drawn while others run do not all land on the same spot.
 */
export function withConstantLiar(finished: readonly Observation[], running: readonly Params[]): Observation[] {
  const losses = finished.filter((o) => o.tier === 0 && Number.isFinite(o.loss)).map((o) => o.loss);
  if (losses.length === 0) return [...finished];
  const worst = Math.max(...losses);
  return [...finished, ...running.map((params) => ({ params, loss: worst, tier: 0 as const }))];
}

interface Estimator {
  sample(rng: Rng): unknown;
  logDensity(value: unknown): number;
}

function estimator(p: SweepParameter, observed: unknown[]): Estimator {
  return p.distribution === 'categorical'
    ? categorical(p.values, p.probabilities, observed)
    : numeric(p, observed as number[]);
}

/** The prior's probabilities as one pseudo-observation, plus each observed value's count. */
function categorical(values: unknown[], prior: number[] | undefined, observed: unknown[]): Estimator {
  const keys = values.map((v) => JSON.stringify(v));
  const weights = values.map((_, i) => prior?.[i] ?? 1 / values.length);
  for (const value of observed) {
    const i = keys.indexOf(JSON.stringify(value));
    if (i >= 0) weights[i]! += 1;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    sample: (rng) => values[pickIndex(weights, rng())],
    logDensity: (value) => Math.log(weights[keys.indexOf(JSON.stringify(value))]! / total),
  };
}

/** How a numeric parameter maps into the space the Gaussians live in, and back. */
interface Axis {
  low: number;
  high: number;
  priorMu: number;
  priorSigma: number;
  toX(v: number): number;
  fromX(x: number): number;
}

function axisOf(p: Exclude<SweepParameter, { distribution: 'categorical' }>): Axis {
  const bounded = (low: number, high: number, toX = (v: number) => v, fromX = round6): Axis => ({
    low,
    high,
    priorMu: (low + high) / 2,
    priorSigma: high - low,
    toX,
    fromX,
  });
  switch (p.distribution) {
    case 'uniform':
      return bounded(p.min, p.max);
    case 'log_uniform':
      return bounded(Math.log(p.min), Math.log(p.max), Math.log, (x) => round6(Math.exp(x)));
    // Integers and q steps own the half-step either side of them, so the end values are as likely as the others.
    case 'int_uniform':
      return bounded(p.min - 0.5, p.max + 0.5, undefined, (x) => Math.min(p.max, Math.max(p.min, Math.round(x))));
    case 'q_uniform':
      return bounded(p.min - p.q / 2, p.max + p.q / 2, undefined, (x) => {
        const steps = Math.round((Math.min(p.max, Math.max(p.min, x)) - p.min) / p.q);
        return Number((p.min + steps * p.q).toPrecision(12));
      });
    // Unbounded in principle; ±5 sigma holds all but 6e-7 of the prior.
    case 'normal':
      return {
        low: p.mu - 5 * p.sigma,
        high: p.mu + 5 * p.sigma,
        priorMu: p.mu,
        priorSigma: p.sigma,
        toX: (v) => v,
        fromX: round6,
      };
  }
}

/** A mixture of Gaussians truncated to the axis: one on the prior, one on each observation (hyperopt's bandwidths). */
function numeric(p: Exclude<SweepParameter, { distribution: 'categorical' }>, observed: number[]): Estimator {
  const axis = axisOf(p);
  const points = [{ mu: axis.priorMu, prior: true }, ...observed.map((v) => ({ mu: axis.toX(v), prior: false }))].sort(
    (a, b) => a.mu - b.mu,
  );
  const mus = points.map((point) => point.mu);
  const minSigma = axis.priorSigma / Math.min(MAX_SHRINK, mus.length);
  // Each kernel is as wide as the larger gap to its neighbours: wide where observations are sparse.
  const sigmas = points.map(({ mu, prior }, i) =>
    prior
      ? axis.priorSigma
      : Math.min(axis.priorSigma, Math.max(minSigma, mu - (mus[i - 1] ?? axis.low), (mus[i + 1] ?? axis.high) - mu)),
  );
  const mass = mus.map((mu, i) => normalCdf((axis.high - mu) / sigmas[i]!) - normalCdf((axis.low - mu) / sigmas[i]!));
  return {
    sample(rng) {
      const k = Math.floor(rng() * mus.length);
      for (let attempt = 0; attempt < 100; attempt++) {
        const x = mus[k]! + sigmas[k]! * standardNormal(rng);
        if (x >= axis.low && x <= axis.high) return axis.fromX(x);
      }
      return axis.fromX(mus[k]!);
    },
    logDensity(value) {
      const x = axis.toX(value as number);
      const density = mus.reduce(
        (sum, mu, i) => sum + normalPdf((x - mu) / sigmas[i]!) / (sigmas[i]! * Math.max(mass[i]!, 1e-12)),
        0,
      );
      return Math.log(density / mus.length + 1e-300);
    },
  };
}

const normalPdf = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));

/** Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, plenty for bandwidth normalization. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    t *
      (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
