// Which parameters trial n gets. Every method is a pure function of the seed, the trial number, the configurations
// already started and (tpe only) the trials finished before, in the order they finished, plus the running ones as
// constant liars, so a resumed sweep continues the same sequence. In a discrete space random and tpe never start a
// configuration twice: a repeat is drawn again, and the budget is cut to the number of configurations there are.
import { orderedSpace, type SweepSpec } from '@tfyaml/spec-schema';
import { combinations, gridCount, gridPoint, isDiscrete } from './grid.ts';
import { configurationKey, sampleSpace, trialRng, type Params, type Rng } from './space.ts';
import { startupTrials, suggestTpe, withConstantLiar, type Observation } from './tpe.ts';

export interface Sampler {
  /** How many trials the sweep runs. */
  total: number;
  /** Why `total` is below the budget asked for (a discrete space with fewer configurations), for the sweep's log. */
  note?: string;
  /**
   * Parameters of trial `trial` (1-based). `running`: the parameters of trials started and not yet finished; tpe
   * counts them as observed with the worst result so far, and no method repeats them or a finished trial's.
   */
  suggest(trial: number, finished: readonly Observation[], running?: readonly Params[]): Params;
}

/** Draws before giving up on chance and taking the first configuration not yet run, in grid order. */
const REDRAWS = 100;

export function createSampler(sweep: SweepSpec, seed: number): Sampler {
  const { parameters } = sweep;
  if (sweep.method === 'grid')
    return { total: gridCount(parameters), suggest: (trial) => gridPoint(parameters, trial - 1) };
  const budget = sweep.trials!;
  const size = isDiscrete(parameters) ? gridCount(parameters, budget + 1) : Infinity;
  const startup = startupTrials(budget);
  // The first tpe trials are exactly random search's, so the two methods differ only where TPE's model acts.
  // A warm start's trials count as finished ones, so its model acts from the first trial.
  const draw = (trial: number, history: readonly Observation[], rng: Rng) =>
    sweep.method === 'tpe' && (trial > startup || history.length > startup)
      ? suggestTpe(parameters, history, rng)
      : sampleSpace(parameters, rng);
  return {
    total: Math.min(budget, size),
    ...(size < budget
      ? {
          note: `the space holds ${size} configuration${size === 1 ? '' : 's'}, fewer than trials: ${budget}; each runs once`,
        }
      : {}),
    suggest(trial, finished, running = []) {
      const history = withConstantLiar(finished, running);
      const rng = trialRng(seed, trial);
      const first = draw(trial, history, rng);
      if (size === Infinity) return first;
      const taken = new Set([...finished.map((o) => o.params), ...running].map(configurationKey));
      for (let attempt = 0, params = first; attempt < REDRAWS; attempt++, params = draw(trial, history, rng)) {
        if (!taken.has(configurationKey(params))) return params;
      }
      for (const params of combinations(orderedSpace(parameters)))
        if (!taken.has(configurationKey(params))) return params;
      return first; // every configuration has run: only a sweep that ran past `total` gets here
    },
  };
}
